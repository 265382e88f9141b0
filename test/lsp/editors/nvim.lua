-- Neovim 0.7+ end-to-end check of `kdocs lsp` (run by test/lsp/editors.test.ts):
--   KDOCS_NODE=node KDOCS_BIN=bin/kdocs.js KDOCS_ROOT=dir KDOCS_OUT=file \
--     nvim --headless -u NONE -S nvim.lua dir/guide.rst
-- Starts the server with vim.lsp.start_client (0.7 has no vim.lsp.start), attaches the buffer,
-- waits for the diagnostics, applies the preferred quick fix of the first one through
-- vim.lsp.util.apply_workspace_edit, waits for the new diagnostics, and writes what it saw to
-- KDOCS_OUT (one line per fact), then quits.
local out = assert(io.open(os.getenv('KDOCS_OUT'), 'w'))
local function say(s)
  out:write(s .. '\n')
  out:flush()
end

local bufnr = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = 'kdocs',
  cmd = { os.getenv('KDOCS_NODE'), os.getenv('KDOCS_BIN'), 'lsp', '--stdio' },
  root_dir = os.getenv('KDOCS_ROOT'),
})
if not client_id then
  say('ERROR start_client failed')
  vim.cmd('qa!')
end
vim.lsp.buf_attach_client(bufnr, client_id)

local function diags()
  return vim.diagnostic.get(bufnr)
end
local function code_of(d)
  if d.code then return d.code end
  local lsp = d.user_data and d.user_data.lsp
  return lsp and lsp.code or '?'
end

if not vim.wait(120000, function() return #diags() >= 3 end, 50) then
  say('ERROR no diagnostics')
end
table.sort(diags(), function(a, b) return a.lnum < b.lnum end)
local first
for _, d in ipairs(diags()) do
  say(string.format('DIAG %d:%d %s %s', d.lnum + 1, d.col + 1, code_of(d), d.message))
  if code_of(d) == 'code-block-lexer' then first = d end
end

-- the quick fix, through the editor's own code action request and workspace edit
if first then
  -- 0.7 keeps only code/codeDescription/tags/... of the LSP diagnostic in user_data.lsp
  local lsp_diag = {
    range = { start = { line = first.lnum, character = first.col }, ['end'] = { line = first.end_lnum, character = first.end_col } },
    message = first.message, code = code_of(first), severity = first.severity, source = first.source,
  }
  local params = {
    textDocument = vim.lsp.util.make_text_document_params(bufnr),
    range = lsp_diag.range,
    context = { diagnostics = { lsp_diag } },
  }
  local responses, why = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 60000)
  if not responses then say('ERROR code action request: ' .. tostring(why)) end
  responses = responses or {}
  for _, r in pairs(responses) do
    if r.err then say('ERROR code action: ' .. vim.inspect(r.err)) end
    for _, action in ipairs(r.result or {}) do
      say('ACTION ' .. action.title)
      if action.isPreferred and action.edit then
        vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16')
        say('APPLIED ' .. action.title)
      end
    end
  end
  say('LINE ' .. vim.api.nvim_buf_get_lines(bufnr, first.lnum, first.lnum + 1, false)[1])
  if not vim.wait(120000, function() return #diags() == 2 end, 50) then
    say('ERROR diagnostics not updated')
  end
  for _, d in ipairs(diags()) do
    say(string.format('AFTER %d:%d %s', d.lnum + 1, d.col + 1, code_of(d)))
  end
end
say('DONE')
out:close()
vim.lsp.stop_client(client_id)
vim.wait(2000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
vim.cmd('qa!')
