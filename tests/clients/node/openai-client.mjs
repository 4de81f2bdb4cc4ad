// OpenAI's official Node client against the Gateway's /v1, configured only by OPENAI_BASE_URL and OPENAI_API_KEY
// (read by the client itself). Prints one JSON object of what it saw, for the integration test to check.
//   node openai-client.mjs <model> <rate-limited model>
import { failure } from './api-errors.mjs';
import OpenAI from 'openai';

const [model, limitedModel] = process.argv.slice(2);
const client = new OpenAI({ maxRetries: 0 });
const messages = [{ role: 'user', content: 'How do you feel?' }];

const completion = await client.chat.completions.create({ model, messages, temperature: 0.3, max_tokens: 200 });

const stream = await client.chat.completions.create({ model, messages, stream: true, stream_options: { include_usage: true } });
const streamed = { text: '', contentChunks: 0, finishReasons: [], usage: null };
for await (const chunk of stream) {
  for (const choice of chunk.choices) {
    if (choice.delta?.content) {
      streamed.text += choice.delta.content;
      streamed.contentChunks++;
    }
    if (choice.finish_reason) streamed.finishReasons.push(choice.finish_reason);
  }
  if (chunk.usage) streamed.usage = chunk.usage;
}

const models = [];
for await (const listed of client.models.list()) models.push(listed.id);

const unknownModel = await failure(() => client.chat.completions.create({ model: 'no-such-model', messages }));
const rateLimited = await failure(() => client.chat.completions.create({ model: limitedModel, messages }));

console.log(JSON.stringify({
  completion: {
    id: completion.id,
    model: completion.model,
    text: completion.choices[0].message.content,
    role: completion.choices[0].message.role,
    finishReason: completion.choices[0].finish_reason,
    usage: completion.usage,
  },
  streamed,
  models,
  unknownModel,
  rateLimited,
}));
