// Extensiv's error bodies as the API sends them (typed exceptions with $type, ErrorCode and Hint), and the request
// body helpers of the double: Extensiv reads keys case-insensitively.
const EX = 'WMS.V2.Generic.Models.Exceptions.';
const EX_ASM = ', WMS.V2.Generic.Models';

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export const modelValidation = (modelType: string, props: { Name: string; Value: unknown }[], code: string, hint: string | null = null): Reply => ({
  status: 400,
  body: { $type: `${EX}ModelValidationException${EX_ASM}`, ModelType: modelType, Properties: props, ErrorCode: code, Hint: hint },
});
export const operation = (action: string, code: string, hint: string): Reply => ({
  status: 403,
  body: { $type: `${EX}OperationException${EX_ASM}`, ActionNameType: 'OrderAction', ActionName: action, ErrorCode: code, Hint: hint },
});
export const queryParameter = (params: string[], code: string, hint: string): Reply => ({
  status: 400,
  body: { $type: `${EX}QueryParameterException${EX_ASM}`, Parameters: params, ErrorCode: code, Hint: hint },
});

/** Request bodies are case-insensitive at Extensiv: fold PascalCase keys to camelCase. */
export function camel(data: unknown): unknown {
  if (Array.isArray(data)) return data.map(camel);
  if (data === null || typeof data !== 'object') return data;
  return Object.fromEntries(Object.entries(data as Record<string, unknown>).map(([k, v]) => [k.charAt(0).toLowerCase() + k.slice(1), camel(v)]));
}

export function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    const key = Object.keys(cur as Record<string, unknown>).find((k) => k.toLowerCase() === part.toLowerCase());
    cur = key === undefined ? undefined : (cur as Record<string, unknown>)[key];
  }
  return cur;
}
