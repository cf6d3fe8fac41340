import { signAwsRequest, type AwsCredentials } from './signAwsRequest';

/** The body of `sts:GetCallerIdentity`, as Vault's aws auth method expects it signed. */
const GET_CALLER_IDENTITY = 'Action=GetCallerIdentity&Version=2011-06-15';

/**
 * Builds the four `iam_*` fields of an aws login, as go-secure-stdlib `awsutil.GenerateLoginData`
 * does: a SigV4-signed `POST` of GetCallerIdentity that Vault replays to STS. Without a region the
 * request goes to the global endpoint and is signed for us-east-1. The request is only signed here,
 * never sent to AWS.
 */
export function buildAwsLoginData(credentials: AwsCredentials, options: { region: string | undefined; serverId: string | undefined; date: Date }): Record<string, string> {
  const region = options.region ?? 'us-east-1';
  const url = new URL(options.region === undefined ? 'https://sts.amazonaws.com/' : `https://sts.${options.region}.amazonaws.com/`);
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' };
  if (options.serverId !== undefined) {
    headers['X-Vault-AWS-IAM-Server-ID'] = options.serverId;
  }

  const signed = signAwsRequest({ method: 'POST', url, headers, body: GET_CALLER_IDENTITY, region, service: 'sts', date: options.date }, credentials);
  const headerLists = Object.fromEntries(Object.entries(signed).map(([name, value]) => [name, [value]]));
  return {
    iam_http_request_method: 'POST',
    iam_request_url: Buffer.from(url.href).toString('base64'),
    iam_request_body: Buffer.from(GET_CALLER_IDENTITY).toString('base64'),
    iam_request_headers: Buffer.from(JSON.stringify(headerLists)).toString('base64'),
  };
}
