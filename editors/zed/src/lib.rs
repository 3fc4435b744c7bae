//! Starts `termlint server` for Zed: the `termlint` found on the PATH of
//! the project's shell, or the one `lsp.termlint.binary.path` names in
//! Zed's settings, with `lsp.termlint.initialization_options` passed on
//! (`{ "glossary": "/path/to/glossary.toml" }`).

use zed_extension_api::{self as zed, settings::LspSettings, LanguageServerId, Result};

struct Termlint;

impl zed::Extension for Termlint {
    fn new() -> Self {
        Termlint
    }

    fn language_server_command(
        &mut self,
        _id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<zed::Command> {
        let binary = LspSettings::for_worktree("termlint", worktree)
            .ok()
            .and_then(|s| s.binary);
        let mut env = worktree.shell_env();
        if let Some(extra) = binary.as_ref().and_then(|b| b.env.clone()) {
            env.extend(extra);
        }
        let command = match binary.as_ref().and_then(|b| b.path.clone()) {
            Some(path) => path,
            None => worktree.which("termlint").ok_or_else(|| {
                "termlint is not on the PATH: install it (cargo install --path . in its \
                 repository) or set lsp.termlint.binary.path in Zed's settings"
                    .to_owned()
            })?,
        };
        let args = binary
            .and_then(|b| b.arguments)
            .unwrap_or_else(|| vec!["server".to_owned()]);
        Ok(zed::Command { command, args, env })
    }

    fn language_server_initialization_options(
        &mut self,
        _id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<Option<zed::serde_json::Value>> {
        Ok(LspSettings::for_worktree("termlint", worktree)
            .ok()
            .and_then(|s| s.initialization_options))
    }
}

zed::register_extension!(Termlint);
