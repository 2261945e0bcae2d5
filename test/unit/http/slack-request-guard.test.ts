import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signedHeaders } from '../../../sandbox/driver/signing';
import type { AnswersFirst } from '../../../src/http/answers-first';
import { createSlackRequestGuard } from '../../../src/http/slack-request-guard';
import { createLogger } from '../../../src/lib/logger';

const SECRET = 'guard-test-secret';

/** A gate whose follow-ups wait until the test opens it, counting the requests that arrive and are answered. */
function heldGate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const counts = { arrived: 0, answered: 0 };
  let answeredOnce: () => void = () => undefined;
  const firstAnswer = new Promise<void>((resolve) => (answeredOnce = resolve));
  const gate: AnswersFirst = {
    arrived: () => {
      counts.arrived += 1;
      return () => {
        counts.answered += 1;
        answeredOnce();
      };
    },
    answered: () => opened,
  };
  return { gate, counts, open, firstAnswer };
}

describe("the request guard holds a command's follow-up until the answers to Slack are out", () => {
  let server: Server;
  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** A server with the guard in front of an app that answers 200; returns how to send it a /goal signed with `secret`. */
  async function guarded(gate: AnswersFirst, claimed: string[]) {
    const guard = createSlackRequestGuard({
      signingSecret: SECRET,
      serves: async () => true,
      claimSignature: async (signature) => (claimed.push(signature), true),
      answersFirst: gate,
      logger: createLogger('silent'),
    });
    const deliveries: Array<Promise<boolean> | undefined> = [];
    server = createServer((req: Parameters<typeof guard>[0], res) => {
      void guard(req, res).then((outcome) => {
        deliveries.push(req.firstDelivery);
        if (outcome === 'pass') res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const body = new URLSearchParams({ command: '/goal', text: '', user_id: 'U1', team_id: 'T1', trigger_id: 't' }).toString();
    const send = (secret: string) =>
      fetch(`http://127.0.0.1:${port}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...signedHeaders(secret, Math.floor(Date.now() / 1000), body) },
        body,
      });
    return { send, deliveries };
  }

  it('claims the signature, and so lets the listener act, only once the gate opens after the answer', async () => {
    const { gate, counts, open, firstAnswer } = heldGate();
    const claimed: string[] = [];
    const { send, deliveries } = await guarded(gate, claimed);

    expect((await send(SECRET)).status).toBe(200);
    await firstAnswer;
    expect(counts).toEqual({ arrived: 1, answered: 1 });
    expect(claimed).toHaveLength(0);

    open();
    await expect(deliveries[0]).resolves.toBe(true);
    expect(claimed).toHaveLength(1);
  });

  it('does not count a request it cannot verify, so nobody who cannot sign holds the follow-ups back', async () => {
    const { gate, counts } = heldGate();
    const { send } = await guarded(gate, []);

    expect((await send('not-the-secret')).status).toBe(401);
    expect(counts).toEqual({ arrived: 0, answered: 0 });
  });
});
