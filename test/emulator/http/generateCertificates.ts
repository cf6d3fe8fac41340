import { generate } from 'selfsigned';

export interface EmulatorCertificates {
  caPem: string;
  serverCertPem: string;
  serverKeyPem: string;
  clientCertPem?: string;
  clientKeyPem?: string;
}

const DAY_MS = 24 * 3600 * 1000;

/** Generates a private CA and a server certificate for 127.0.0.1 and localhost, plus a client certificate when asked. EC P-256 keys keep this fast. */
export async function generateCertificates(withClientCertificate: boolean): Promise<EmulatorCertificates> {
  const notBeforeDate = new Date(Date.now() - DAY_MS);
  const notAfterDate = new Date(Date.now() + 30 * DAY_MS);
  const common = { keyType: 'ec' as const, algorithm: 'sha256', notBeforeDate, notAfterDate };

  const ca = await generate([{ name: 'commonName', value: 'vault-aws emulator CA' }], {
    ...common,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const signer = { key: ca.private, cert: ca.cert };

  const server = await generate([{ name: 'commonName', value: 'localhost' }], {
    ...common,
    ca: signer,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
    ],
  });

  const certificates: EmulatorCertificates = { caPem: ca.cert, serverCertPem: server.cert, serverKeyPem: server.private };
  if (withClientCertificate) {
    const client = await generate([{ name: 'commonName', value: 'vault-aws emulator client' }], {
      ...common,
      ca: signer,
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', clientAuth: true },
      ],
    });
    certificates.clientCertPem = client.cert;
    certificates.clientKeyPem = client.private;
  }

  return certificates;
}
