// HTTPS agent: the system's trusted roots, plus an on-premise CA when the user gave one. Verification stays on.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import { AppError } from '../errors.js';

export interface Agents {
  httpAgent: http.Agent;
  httpsAgent: https.Agent;
}

export function createAgents(caFile: string | undefined): Agents {
  const options: https.AgentOptions = { keepAlive: true, rejectUnauthorized: true };
  if (caFile) {
    let pem: string;
    try {
      pem = readFileSync(caFile, 'utf8');
    } catch (e) {
      throw new AppError('config', `The CA file "${caFile}" cannot be read: choose the PEM file of your CA in Settings > Acumatica.`, { cause: e });
    }
    if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
      throw new AppError('config', `The CA file "${caFile}" is not a PEM certificate: export your CA as PEM (Base-64) and choose that file.`);
    }
    options.ca = [...tls.rootCertificates, pem];
  }
  return { httpAgent: new http.Agent({ keepAlive: true }), httpsAgent: new https.Agent(options) };
}

const untrustedCodes = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
]);

/** An operator sentence for a TLS failure code, or null when the code is not about the certificate. */
export function tlsProblem(code: string | undefined, host: string): string | null {
  if (!code) return null;
  if (untrustedCodes.has(code)) {
    return `The certificate of ${host} is not trusted: add your CA file in Settings > Acumatica (CA file).`;
  }
  if (code === 'CERT_HAS_EXPIRED') return `The certificate of ${host} has expired: ask your IT team to renew it.`;
  if (code === 'CERT_NOT_YET_VALID') return `The certificate of ${host} is not valid yet: check this computer's date and time.`;
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return `The certificate of ${host} was issued for a different name: use the exact host name of the certificate in the Instance URL.`;
  }
  if (code.startsWith('ERR_SSL') || code.startsWith('EPROTO')) return `A secure connection to ${host} could not be set up (${code}): check the Instance URL (https://) and port.`;
  return null;
}
