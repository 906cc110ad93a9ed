// Calls the API and throws ApiError on a failed Result, which is what react-query expects of a query function.
import type { Channel, RequestInput, RequestResult } from '../../../main/ipc/contract.js';
import { ApiError } from './errors.js';
import type { UiApi } from './types.js';

export async function call<C extends Channel>(api: UiApi, channel: C, input: RequestInput<C>): Promise<RequestResult<C>> {
  const result = await api.request(channel, input);
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}
