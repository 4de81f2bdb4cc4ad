// What the tests read of the client's typed errors: class, status, OpenAI's error fields and the Retry-After header.
import OpenAI from 'openai';

export async function failure(request) {
  try {
    await request();
    return null;
  } catch (error) {
    if (!(error instanceof OpenAI.APIError)) throw error;
    return {
      name: error.constructor.name, status: error.status, code: error.code, type: error.type, param: error.param, message: error.message,
      retryAfter: error.headers?.get('retry-after') ?? null,
    };
  }
}
