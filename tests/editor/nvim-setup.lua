-- For tests/it/editor_nvim.rs: with the Neovim 0.7 set-up of docs/editors.md as init.lua,
-- open the two files of the catalogue in $SVS_ROOT as a person would, wait for the
-- diagnostics, and write to $SVS_OUT as JSON the clients that started, the buffers they
-- attached and what Neovim shows; then quit.

local root = assert(os.getenv('SVS_ROOT'), 'SVS_ROOT is not set')
local out = assert(os.getenv('SVS_OUT'), 'SVS_OUT is not set')

local seen = {}

local function main()
  vim.cmd('edit ' .. vim.fn.fnameescape(root .. '/deals.yaml'))
  local deals = vim.api.nvim_get_current_buf()
  vim.cmd('edit ' .. vim.fn.fnameescape(root .. '/catalogue.yaml'))
  local catalogue = vim.api.nvim_get_current_buf()
  if not vim.wait(20000, function()
    return #vim.diagnostic.get(deals) > 0
  end, 20) then
    error('no diagnostics within 20000 ms')
  end
  seen.filetype = vim.bo[deals].filetype
  seen.omnifunc = vim.bo[deals].omnifunc
  seen.clients = {}
  -- `get_active_clients` is deprecated from 0.10 for `get_clients`.
  for _, client in ipairs((vim.lsp.get_clients or vim.lsp.get_active_clients)()) do
    table.insert(seen.clients, {
      name = client.name,
      root_dir = client.config.root_dir,
      deals = vim.lsp.buf_is_attached(deals, client.id),
      catalogue = vim.lsp.buf_is_attached(catalogue, client.id),
    })
  end
  seen.codes = {}
  for _, d in ipairs(vim.diagnostic.get(deals)) do
    table.insert(seen.codes, d.code)
  end
end

local ok, err = xpcall(main, debug.traceback)
if not ok then
  seen.error = err
end
seen.messages = vim.fn.execute('messages')
vim.fn.writefile({ vim.fn.json_encode(seen) }, out)
vim.cmd('qa!')
