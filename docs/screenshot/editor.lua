-- Neovim as the screenshot in docs/editor.png shows it: `termlint server`
-- attached to the open document, findings as virtual text and signs, the
-- location list of every finding below, the cursor on the first. Used by
-- docs/screenshot/editor.py (Neovim 0.7 or later).
vim.opt.number = true
vim.opt.signcolumn = 'yes'
vim.opt.termguicolors = true
vim.cmd('colorscheme desert')
vim.opt.wrap = true
vim.opt.linebreak = true
vim.diagnostic.config({ virtual_text = { prefix = '●' }, signs = true, underline = true })
vim.api.nvim_create_autocmd('VimEnter', { callback = function()
  local client = vim.lsp.start_client({
    cmd = { os.getenv('TERMLINT'), 'server' },
    name = 'termlint',
    root_dir = vim.fn.getcwd(),
  })
  vim.lsp.buf_attach_client(0, client)
  vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 20)
  -- Every finding listed below the text, the cursor on the first.
  vim.diagnostic.setloclist({ open = true })
  vim.cmd('wincmd p')
  local first = vim.diagnostic.get(0)[1]
  if first then vim.api.nvim_win_set_cursor(0, { first.lnum + 1, first.col }) end
  -- Tells the script the screen is ready.
  vim.fn.writefile({ tostring(#vim.diagnostic.get(0)) }, os.getenv('READY'))
end })
