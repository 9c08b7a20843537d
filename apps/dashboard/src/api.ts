/** REST calls to /api with the session's token; a refusal becomes an error with the server's reason. */
export class Api {
  constructor(private readonly token: string) {}

  async get<T>(path: string): Promise<T> {
    return (await this.send('GET', path)).json() as Promise<T>;
  }

  async post<T>(path: string, body?: unknown): Promise<T> {
    return (await this.send('POST', path, body)).json() as Promise<T>;
  }

  /** A file from /api, saved by the browser under the name the server gives it. */
  async download(path: string): Promise<void> {
    const response = await this.send('GET', path);
    const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'zeropark.csv';
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  private async send(method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`/api${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    if (!response.ok) {
      const answer = (await response.json().catch(() => ({}))) as { message?: unknown };
      const message = Array.isArray(answer.message) ? answer.message.join('; ') : typeof answer.message === 'string' ? answer.message : response.statusText;
      throw new Error(`${response.status}: ${message}`);
    }
    return response;
  }
}
