#!/usr/bin/env node
// tuyapi (the npm library, pinned in package.json) as a LAN client, for tests/cli/tst_lan_interop.
//   node tuyapi-client.js --host H --port P --id ID --key KEY --version V STEP...
// Steps run in order on one connection:
//   get            DP_QUERY / DP_QUERY_NEW with schema: prints {"step":"get","dps":{...}}
//   set:DP=JSON    CONTROL / CONTROL_NEW: prints {"step":"set","sent":{...},"reply":{...}}
// Each result is one JSON line on stdout; pushes from the device are {"event":"data",...} lines.
// Ends with {"done":true} and exit code 0, or {"error":"..."} and exit code 1.
'use strict';

const TuyAPI = require('tuyapi');

function fail(message) {
  process.stdout.write(JSON.stringify({error: String(message)}) + '\n');
  process.exit(1);
}

const options = {};
const steps = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const arg = argv[i];
  if (arg.startsWith('--')) {
    if (i + 1 >= argv.length) {
      fail(`missing value for ${arg}`);
    }

    options[arg.slice(2)] = argv[++i];
  } else {
    steps.push(arg);
  }
}

for (const required of ['host', 'port', 'id', 'key', 'version']) {
  if (!options[required]) {
    fail(`missing --${required}`);
  }
}

const watchdog = setTimeout(() => fail('timeout'), Number(options.timeout || 20) * 1000);

const device = new TuyAPI({
  ip: options.host,
  port: Number(options.port),
  id: options.id,
  key: options.key,
  version: options.version,
  issueGetOnConnect: false
});

device.on('data', (payload, commandByte, sequenceN) => {
  process.stdout.write(JSON.stringify({event: 'data', cmd: commandByte, seq: sequenceN, payload}) + '\n');
});
device.on('error', error => {
  process.stdout.write(JSON.stringify({event: 'error', message: String(error && error.message ? error.message : error)}) + '\n');
});

async function run() {
  await device.connect();
  process.stdout.write(JSON.stringify({event: 'connected'}) + '\n');
  for (const step of steps) {
    if (step === 'get') {
      const reply = await device.get({schema: true});
      if (typeof reply !== 'object' || reply === null || typeof reply.dps !== 'object') {
        throw new Error('get: unexpected reply ' + JSON.stringify(reply));
      }

      process.stdout.write(JSON.stringify({step: 'get', dps: reply.dps}) + '\n');
    } else if (step.startsWith('set:')) {
      const assignment = step.slice(4);
      const eq = assignment.indexOf('=');
      if (eq <= 0) {
        throw new Error('bad step ' + step);
      }

      const dp = assignment.slice(0, eq);
      const value = JSON.parse(assignment.slice(eq + 1));
      const reply = await device.set({multiple: true, data: {[dp]: value}});
      process.stdout.write(JSON.stringify({step: 'set', sent: {[dp]: value}, reply: reply === undefined ? null : reply}) + '\n');
    } else {
      throw new Error('unknown step ' + step);
    }
  }
}

run().then(() => {
  clearTimeout(watchdog);
  device.disconnect();
  process.stdout.write(JSON.stringify({done: true}) + '\n');
  process.exit(0);
}, error => {
  fail(error && error.message ? error.message : error);
});
