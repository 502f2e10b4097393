// Signs and verifies with the npm package standardwebhooks, for Baton's tests. One request per
// line on stdin, fields separated by tabs, bodies in base64; one answer per line on stdout:
//   sign    <secret> <webhook-id> <unix seconds> <body>                  -> ok <webhook-signature>
//   verify  <secret> <webhook-id> <webhook-timestamp> <webhook-signature> <body>
//                                                                        -> ok | refused <error>
// verify reads this process's clock, as a receiver would.
const readline = require("node:readline");
const { Webhook } = require("standardwebhooks");

function answer(fields) {
  const [command, secret, id, ...rest] = fields;
  const webhook = new Webhook(secret);
  if (command === "sign") {
    const [seconds, body] = rest;
    return "ok\t" + webhook.sign(id, new Date(Number(seconds) * 1000), Buffer.from(body, "base64"));
  }
  if (command === "verify") {
    const [timestamp, signature, body] = rest;
    webhook.verify(Buffer.from(body, "base64"), {
      "webhook-id": id,
      "webhook-timestamp": timestamp,
      "webhook-signature": signature,
    });
    return "ok";
  }
  throw new Error("unknown command " + command);
}

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  try {
    console.log(answer(line.split("\t")));
  } catch (error) {
    console.log("refused\t" + error.name + ": " + error.message);
  }
});
