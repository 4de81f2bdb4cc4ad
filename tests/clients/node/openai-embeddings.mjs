// OpenAI's embeddings API with the official Node client against the Gateway's /v1, configured only by OPENAI_BASE_URL and
// OPENAI_API_KEY. Prints one JSON object of what it saw.
//   node openai-embeddings.mjs <model> <model without embeddings>
import { failure } from './api-errors.mjs';
import OpenAI from 'openai';

const [model, unsupported] = process.argv.slice(2);
const client = new OpenAI({ maxRetries: 0 });


// The client asks for base64 by default and decodes it to floats itself.
const decoded = await client.embeddings.create({ model, input: ['ab', 'cdef'] });
const floats = await client.embeddings.create({ model, input: 'hello', encoding_format: 'float' });
const refused = await failure(() => client.embeddings.create({ model: unsupported, input: 'hello' }));
const badInput = await failure(() => client.embeddings.create({ model, input: [] }));
console.log(JSON.stringify({ decoded, floats, refused, badInput }));
