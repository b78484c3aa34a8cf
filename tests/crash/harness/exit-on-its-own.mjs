// Loaded only by the crash test's self-test (`node --import` in launchHaven): makes
// `haven serve` exit by itself, with status 0, a moment after it starts listening, as a
// server with a fatal bug would. The self-test shows that the crash test then fails.
// Nothing in Haven reads HAVEN_CRASH_SELF_TEST_EXIT_MS; only this module does.
import net from 'node:net';

const delayMs = Number(process.env.HAVEN_CRASH_SELF_TEST_EXIT_MS ?? '100');
const listen = net.Server.prototype.listen;
let armed = false;
net.Server.prototype.listen = function listenThenExit(...args) {
  if (!armed) {
    armed = true;
    setTimeout(() => process.exit(0), delayMs);
  }
  return listen.apply(this, args);
};
