-- Neovim as a translator's editor, headless: start `termlint server` on the
-- open file, wait for its diagnostics, apply the first quick fix, save, and
-- write what was seen to $OUT. Run by tests/editor.rs (Neovim 0.7 or later).
vim.api.nvim_create_autocmd('VimEnter', { callback = function()
  local out = {}
  local client = vim.lsp.start_client({
    cmd = { os.getenv('TERMLINT'), 'server' },
    name = 'termlint',
    root_dir = vim.fn.getcwd(),
  })
  vim.lsp.buf_attach_client(0, client)
  local ok = vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 20)
  if not ok then table.insert(out, 'no diagnostics within 30 s') end
  for _, d in ipairs(vim.diagnostic.get(0)) do
    table.insert(out, string.format('diagnostic %d:%d-%d:%d severity %d %s: %s',
      d.lnum, d.col, d.end_lnum, d.end_col, d.severity, d.source or '', d.message))
  end
  -- The cursor on the first diagnostic, as a translator would put it.
  local first = vim.diagnostic.get(0)[1]
  if first then vim.api.nvim_win_set_cursor(0, { first.lnum + 1, first.col }) end
  local params = vim.lsp.util.make_range_params()
  params.context = { diagnostics = {} }
  local response = vim.lsp.get_client_by_id(client).request_sync('textDocument/codeAction', params, 10000, 0)
  local actions = (response and response.result) or {}
  for _, action in ipairs(actions) do
    table.insert(out, 'action ' .. action.title)
  end
  if actions[1] then
    vim.lsp.util.apply_workspace_edit(actions[1].edit, 'utf-16')
    vim.cmd('silent write')
  end
  vim.fn.writefile(out, os.getenv('OUT'))
  vim.lsp.stop_client(client)
  vim.wait(2000, function() return vim.lsp.client_is_stopped(client) end, 20)
  vim.cmd('qa!')
end })
