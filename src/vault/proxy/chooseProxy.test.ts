import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../errors';
import { chooseProxy } from './chooseProxy';
import { readProxySettings } from './readProxySettings';

const PROXY = 'http://proxy.corp:3128';

function proxyFor(target: string, env: Record<string, string>): string | undefined {
  return chooseProxy(readProxySettings(env), new URL(target))?.url.href;
}

describe('chooseProxy with the standard variables', () => {
  it('uses HTTPS_PROXY for https and HTTP_PROXY for http', () => {
    const env = { HTTPS_PROXY: 'http://secure-proxy:3128', HTTP_PROXY: 'http://plain-proxy:3128' };

    expect(proxyFor('https://vault.corp:8200', env)).toBe('http://secure-proxy:3128/');
    expect(proxyFor('http://vault.corp:8200', env)).toBe('http://plain-proxy:3128/');
  });

  it('does not fall back from HTTPS_PROXY to HTTP_PROXY', () => {
    expect(proxyFor('https://vault.corp:8200', { HTTP_PROXY: PROXY })).toBeUndefined();
  });

  it('reads the lower-case names when the upper-case ones are unset', () => {
    expect(proxyFor('https://vault.corp', { https_proxy: PROXY })).toBe(`${PROXY}/`);
    expect(proxyFor('https://vault.corp', { HTTPS_PROXY: 'http://upper:1', https_proxy: 'http://lower:2' })).toBe('http://upper:1/');
  });

  it('adds http:// to a proxy without a scheme', () => {
    expect(proxyFor('https://vault.corp', { HTTPS_PROXY: 'proxy.corp:3128' })).toBe(`${PROXY}/`);
  });

  it('never proxies localhost or loopback addresses', () => {
    for (const target of ['https://localhost:8200', 'https://127.0.0.1:8200', 'https://127.8.9.10', 'https://[::1]:8200']) {
      expect(proxyFor(target, { HTTPS_PROXY: PROXY }), target).toBeUndefined();
    }
  });

  it('matches NO_PROXY entries as Go does', () => {
    const cases: Array<[string, string, boolean]> = [
      ['corp.example', 'https://corp.example', false],
      ['corp.example', 'https://vault.corp.example', false],
      ['corp.example', 'https://notcorp.example', true],
      ['.corp.example', 'https://corp.example', true],
      ['.corp.example', 'https://vault.corp.example', false],
      ['*.corp.example', 'https://corp.example', true],
      ['*.corp.example', 'https://vault.corp.example', false],
      ['vault.corp:8200', 'https://vault.corp:8200', false],
      ['vault.corp:8200', 'https://vault.corp:443', true],
      ['vault.corp:443', 'https://vault.corp', false],
      ['10.0.0.0/8', 'https://10.1.2.3:8200', false],
      ['10.0.0.0/8', 'https://11.1.2.3:8200', true],
      ['192.0.2.7', 'https://192.0.2.7:8200', false],
      ['192.0.2.7:9999', 'https://192.0.2.7:8200', true],
      ['2001:db8::/32', 'https://[2001:db8::5]:8200', false],
      ['[2001:db8::5]:8200', 'https://[2001:db8::5]:8200', false],
      ['VAULT.CORP', 'https://vault.corp', false],
      ['*', 'https://anything.example', false],
      [' other.example , vault.corp ', 'https://vault.corp', false],
      ['not a host,/bad', 'https://vault.corp', true],
    ];
    for (const [noProxy, target, proxied] of cases) {
      const chosen = proxyFor(target, { HTTPS_PROXY: PROXY, NO_PROXY: noProxy });
      expect(chosen !== undefined, `NO_PROXY=${noProxy} for ${target}`).toBe(proxied);
    }
  });

  it('reads no_proxy in lower case too', () => {
    expect(proxyFor('https://vault.corp', { HTTPS_PROXY: PROXY, no_proxy: 'vault.corp' })).toBeUndefined();
  });
});

describe('chooseProxy with the Vault variables', () => {
  it('sends every request through VAULT_HTTP_PROXY, loopback and NO_PROXY hosts included', () => {
    const env = { VAULT_HTTP_PROXY: 'http://vault-proxy:8080', HTTPS_PROXY: PROXY, NO_PROXY: '*' };

    expect(proxyFor('https://127.0.0.1:8200', env)).toBe('http://vault-proxy:8080/');
    expect(proxyFor('http://vault.corp:8200', env)).toBe('http://vault-proxy:8080/');
  });

  it('prefers VAULT_PROXY_ADDR over VAULT_HTTP_PROXY', () => {
    expect(proxyFor('https://vault.corp', { VAULT_HTTP_PROXY: 'http://one:1', VAULT_PROXY_ADDR: 'http://two:2' })).toBe('http://two:2/');
  });

  it('prefers BAO_PROXY_ADDR over VAULT_PROXY_ADDR', () => {
    expect(proxyFor('https://vault.corp', { VAULT_PROXY_ADDR: 'http://vault:1', BAO_PROXY_ADDR: 'http://bao:2' })).toBe('http://bao:2/');
  });

  it('rejects unsupported proxy schemes with the variable name', () => {
    expect(() => readProxySettings({ VAULT_PROXY_ADDR: 'socks5://proxy:1080' })).toThrow(ConfigError);
    expect(() => readProxySettings({ HTTPS_PROXY: 'socks5://proxy:1080' })).toThrow(/HTTPS_PROXY uses the socks5 scheme/);
  });
});
