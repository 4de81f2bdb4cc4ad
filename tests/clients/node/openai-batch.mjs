// OpenAI's documented Batch API flow with the official Node client against the Gateway's /v1, configured only by
// OPENAI_BASE_URL and OPENAI_API_KEY. Prints one JSON object of what it saw, for the integration tests to check.
//   node openai-batch.mjs flow <model> <lines>     upload, create, poll to the end, download output and errors
//   node openai-batch.mjs bad <model>              a file with bad lines, and requests the API refuses
//   node openai-batch.mjs cancel <model> <lines>   cancel once some lines are answered, then download what finished
//   node openai-batch.mjs embeddings <model> <lines>  an embeddings batch (two inputs a line) to the end, and its output
//   node openai-batch.mjs repeat <model> <lines>   a batch whose lines all ask the same question, to the end
import { failure } from './api-errors.mjs';
import OpenAI, { toFile } from 'openai';

const [mode, model, count] = process.argv.slice(2);
const client = new OpenAI({ maxRetries: 0 });
const ended = new Set(['completed', 'failed', 'expired', 'cancelled']);

const line = (customId, content, extra = {}) => JSON.stringify({
  custom_id: customId, method: 'POST', url: '/v1/chat/completions',
  body: { model, messages: [{ role: 'system', content: 'Answer briefly.' }, { role: 'user', content }], temperature: 0.2, max_tokens: 50 },
  ...extra,
});
const numbered = (lines) => Array.from({ length: Number(lines) }, (_, index) => line(`req-${index}`, `question ${index}`));

async function upload(lines) {
  return client.files.create({ file: await toFile(Buffer.from(lines.join('\n') + '\n'), 'batch.jsonl'), purpose: 'batch' });
}

async function poll(id, until = (batch) => ended.has(batch.status)) {
  const statuses = [];
  for (;;) {
    const batch = await client.batches.retrieve(id);
    if (statuses.at(-1) !== batch.status) statuses.push(batch.status);
    if (until(batch)) return { batch, statuses };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function download(fileId) {
  if (!fileId) return [];
  const text = await (await client.files.content(fileId)).text();
  return text.split('\n').filter((row) => row.trim()).map((row) => JSON.parse(row));
}


async function run(lines, endpoint = '/v1/chat/completions') {
  const file = await upload(lines);
  const started = Date.now();
  const created = await client.batches.create({
    input_file_id: file.id, endpoint, completion_window: '24h', metadata: { run: mode },
  });
  return { file, created, started };
}

let result;
if (mode === 'flow') {
  const { file, created, started } = await run(numbered(count));
  const { batch, statuses } = await poll(created.id);
  const seconds = (Date.now() - started) / 1000;
  const output = await download(batch.output_file_id);
  const errors = await download(batch.error_file_id);
  const listed = [];
  for await (const listedBatch of client.batches.list({ limit: 2 })) {
    listed.push(listedBatch.id);
    if (listed.length >= 5) break;
  }
  const retrievedFile = await client.files.retrieve(file.id);
  const deleted = await client.files.delete(file.id);
  const missing = await failure(() => client.files.retrieve(file.id));
  result = { file, retrievedFile, created, batch, statuses, seconds, output, errors, listed, deleted, missing };
} else if (mode === 'bad') {
  const lines = [
    line('good-1', 'fine'),
    '{not json',
    JSON.stringify({ method: 'POST', url: '/v1/chat/completions', body: { model, messages: [{ role: 'user', content: 'x' }] } }),
    line('good-1', 'duplicate id'),
    line('wrong-url', 'x', { url: '/v1/completions' }),
    line('good-2', 'fine'),
  ];
  const { created } = await run(lines);
  const { batch, statuses } = await poll(created.id);
  const wrongPurpose = await failure(async () => client.files.create({ file: await toFile(Buffer.from(lines[0]), 'x.jsonl'), purpose: 'fine-tune' }));
  const wrongEndpoint = await failure(() => client.batches.create({ input_file_id: created.input_file_id, endpoint: '/v1/completions', completion_window: '24h' }));
  const wrongWindow = await failure(() => client.batches.create({ input_file_id: created.input_file_id, endpoint: '/v1/chat/completions', completion_window: '1h' }));
  const unknownFile = await failure(() => client.batches.create({ input_file_id: 'file-nope', endpoint: '/v1/chat/completions', completion_window: '24h' }));
  const unknownBatch = await failure(() => client.batches.retrieve('batch_nope'));
  result = { batch, statuses, wrongPurpose, wrongEndpoint, wrongWindow, unknownFile, unknownBatch };
} else if (mode === 'cancel') {
  const { created } = await run(numbered(count));
  const running = await poll(created.id, (batch) => batch.request_counts.completed >= 3 || ended.has(batch.status));
  const cancelling = await client.batches.cancel(created.id);
  const { batch, statuses } = await poll(created.id);
  result = {
    cancelling, batch, statuses: [...running.statuses, ...statuses],
    output: await download(batch.output_file_id), errors: await download(batch.error_file_id),
  };
} else if (mode === 'embeddings' || mode === 'repeat') {
  const lines = Array.from({ length: Number(count) }, (_, index) => mode === 'repeat'
    ? line(`req-${index}`, 'the same question')
    : JSON.stringify({
      custom_id: `req-${index}`, method: 'POST', url: '/v1/embeddings',
      body: { model, input: [`text ${index}`, 'x'.repeat(index + 1)] },
    }));
  const { created } = await run(lines, mode === 'repeat' ? '/v1/chat/completions' : '/v1/embeddings');
  const { batch, statuses } = await poll(created.id);
  result = { batch, statuses, output: await download(batch.output_file_id), errors: await download(batch.error_file_id) };
} else {
  throw new Error(`unknown mode ${mode}`);
}

console.log(JSON.stringify(result));
