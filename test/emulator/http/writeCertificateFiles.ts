import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VaultEmulator } from '../types';
import { generateCertificates } from './generateCertificates';
import type { ServerTls } from './startHttpServer';

/** Generates the certificates and writes the CA and client files into a private temporary directory. */
export async function writeCertificateFiles(withClientCertificate: boolean): Promise<{ tls: ServerTls; directory: string; exposed: Partial<VaultEmulator> }> {
  const certificates = await generateCertificates(withClientCertificate);
  const directory = mkdtempSync(join(tmpdir(), 'vault-emulator-'));
  chmodSync(directory, 0o700);
  const caFile = join(directory, 'ca.pem');
  writeFileSync(caFile, certificates.caPem);

  const exposed: Partial<VaultEmulator> = { caPem: certificates.caPem, caFile };
  const tls: ServerTls = { certPem: certificates.serverCertPem, keyPem: certificates.serverKeyPem };
  if (certificates.clientCertPem !== undefined && certificates.clientKeyPem !== undefined) {
    const clientCertFile = join(directory, 'client.pem');
    const clientKeyFile = join(directory, 'client-key.pem');
    writeFileSync(clientCertFile, certificates.clientCertPem);
    writeFileSync(clientKeyFile, certificates.clientKeyPem, { mode: 0o600 });
    Object.assign(exposed, { clientCertPem: certificates.clientCertPem, clientKeyPem: certificates.clientKeyPem, clientCertFile, clientKeyFile });
    tls.clientCaPem = certificates.caPem;
  }

  return { tls, directory, exposed };
}
