import { STATUS_CODES } from 'node:http';

/** The one error shape of every Driftwatch HTTP response: `{statusCode, error, message}`. */
export type ErrorBody = {
  statusCode: number;
  error: string;
  message: string;
};

export function errorBody(statusCode: number, message: string): ErrorBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message };
}
