-- Neovim as the client of `svs lsp`, for tests/it/editor_nvim.rs: it opens the two files
-- of the catalogue in $SVS_ROOT, starts `$SVS_BIN lsp` for them, and does what a person
-- would: read the diagnostics, fix the dangling reference, go to a definition, rename an
-- id and apply the edit. It writes what it saw to $SVS_OUT as JSON, then quits.
--
-- It runs on Neovim 0.7 (Debian's), so it starts the client with `vim.lsp.start_client`
-- and `vim.lsp.buf_attach_client`: `vim.lsp.start` came with 0.8.

local root = assert(os.getenv('SVS_ROOT'), 'SVS_ROOT is not set')
local out = assert(os.getenv('SVS_OUT'), 'SVS_OUT is not set')
local svs = assert(os.getenv('SVS_BIN'), 'SVS_BIN is not set')

-- How long to wait for the server at each step, in milliseconds.
local TIMEOUT = 20000

local seen = { published = {} }

-- Every publication the server sends, before Neovim shows it.
local show = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  table.insert(seen.published, {
    file = vim.uri_to_fname(result.uri),
    count = #result.diagnostics,
  })
  return show(err, result, ctx, config)
end

-- Waits until `condition` holds; fails after TIMEOUT, or at once if the server exits.
local function wait(what, condition)
  vim.wait(TIMEOUT, function()
    return condition() or seen.exit ~= nil
  end, 20)
  if condition() then
    return
  elseif seen.exit then
    error('no ' .. what .. ': the server exited with code ' .. seen.exit.code, 2)
  else
    error('no ' .. what .. ' within ' .. TIMEOUT .. ' ms', 2)
  end
end

-- What Neovim shows for a buffer, as `vim.diagnostic` has it (zero-based lines and
-- columns).
local function diagnostics(buf)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(list, {
      line = d.lnum,
      col = d.col,
      end_line = d.end_lnum,
      end_col = d.end_col,
      severity = d.severity,
      code = d.code,
      source = d.source,
      message = d.message,
    })
  end
  return list
end

-- Waits until the server has published, after the first `after` publications, an empty
-- list for `file`.
local function wait_clean(what, file, after)
  wait(what, function()
    for i = after + 1, #seen.published do
      local p = seen.published[i]
      if p.file == file and p.count == 0 then
        return true
      end
    end
    return false
  end)
end

local function lines(buf)
  return table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, true), '\n') .. '\n'
end

-- The answer of the one client to a request on the current buffer.
local function request(method, params)
  local answers, err = vim.lsp.buf_request_sync(0, method, params, TIMEOUT)
  assert(answers, method .. ': ' .. tostring(err))
  local _, answer = next(answers)
  assert(answer, method .. ': no answer')
  assert(not answer.error, method .. ': ' .. vim.inspect(answer.error))
  return answer.result
end

local function main()
  local catalogue_file = root .. '/catalogue.yaml'
  local deals_file = root .. '/deals.yaml'

  local id = assert(vim.lsp.start_client({
    name = 'svs',
    cmd = { svs, 'lsp' },
    root_dir = root,
    on_exit = function(code, signal)
      seen.exit = { code = code, signal = signal }
    end,
  }), 'the client did not start')

  vim.cmd('edit ' .. vim.fn.fnameescape(catalogue_file))
  local catalogue = vim.api.nvim_get_current_buf()
  vim.bo.filetype = 'yaml'
  vim.lsp.buf_attach_client(catalogue, id)
  vim.cmd('edit ' .. vim.fn.fnameescape(deals_file))
  local deals = vim.api.nvim_get_current_buf()
  vim.bo.filetype = 'yaml'
  vim.lsp.buf_attach_client(deals, id)

  -- The dangling reference, as Neovim shows it.
  wait('diagnostics', function()
    return #vim.diagnostic.get(deals) > 0
  end)
  seen.opened = diagnostics(deals)
  seen.opened_catalogue = diagnostics(catalogue)

  -- Fix it by typing over `ghost`: the catalogue loads and every finding goes.
  local d = seen.opened[1]
  local before = #seen.published
  vim.api.nvim_buf_set_text(deals, d.line, d.col, d.end_line, d.end_col, { 'acme' })
  wait_clean('empty diagnostics after the fix', deals_file, before)
  seen.fixed = diagnostics(deals)

  -- Go to the definition of `acme` in `organization: acme`.
  local row = vim.fn.search('organization: acme', 'w')
  assert(row > 0, 'no `organization: acme` in deals.yaml')
  vim.api.nvim_win_set_cursor(0, { row, #'    organization: ' + 1 })
  local at = vim.lsp.util.make_position_params(0, 'utf-16')
  seen.definition = request('textDocument/definition', at)
  -- And as `gd` does: jump there.
  vim.lsp.buf.definition()
  wait('jump to the definition', function()
    return vim.api.nvim_get_current_buf() ~= deals
  end)
  local cursor = vim.api.nvim_win_get_cursor(0)
  seen.jumped = { file = vim.api.nvim_buf_get_name(0), line = cursor[1], col = cursor[2] }

  -- Rename `acme` from the place the jump landed, and apply the edit.
  at = vim.lsp.util.make_position_params(0, 'utf-16')
  at.newName = 'acme-corp'
  local edit = request('textDocument/rename', at)
  seen.rename = vim.deepcopy(edit) -- applying it marks its edits
  before = #seen.published
  vim.lsp.util.apply_workspace_edit(edit, 'utf-16')
  seen.renamed = { catalogue = lines(catalogue), deals = lines(deals) }
  wait_clean('empty diagnostics after the rename', deals_file, before)
  seen.after_rename = { catalogue = diagnostics(catalogue), deals = diagnostics(deals) }

  -- Stop the server as Neovim does on quitting: `shutdown`, then `exit`.
  vim.lsp.stop_client(id)
  wait('exit of the server', function()
    return seen.exit ~= nil
  end)
end

local ok, err = xpcall(main, debug.traceback)
if not ok then
  seen.error = err
end
seen.messages = vim.fn.execute('messages')
vim.fn.writefile({ vim.fn.json_encode(seen) }, out)
vim.cmd('qa!')
