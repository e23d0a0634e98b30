// Talking to the OMS: reads through GraphQL, writes through the REST commands.
// The API key stays in sessionStorage (this tab only) and goes as X-API-Key.
import {say} from "./dom.js";

const KEY = "oms.apiKey";
let consistentAfter = 0; // the last write's log position: reads wait for it

export const apiKey = {
  get: () => sessionStorage.getItem(KEY) || "",
  set: (value) => value ? sessionStorage.setItem(KEY, value) : sessionStorage.removeItem(KEY),
};

function headers(extra = {}) {
  const all = {"content-type": "application/json", ...extra};
  if (apiKey.get()) all["x-api-key"] = apiKey.get();
  return all;
}

export class Problem extends Error {}

async function answer(response) {
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const detail = body.detail ?? body.title ?? response.statusText;
    throw new Problem(`${response.status}: ${typeof detail === "string" ? detail : JSON.stringify(detail)}`);
  }
  return body;
}

// A named GraphQL operation (the name shows in /metrics); the data or a Problem.
export async function query(document, variables = {}) {
  const operationName = /^\s*(?:query|subscription)\s+(\w+)/.exec(document)?.[1];
  const extra = consistentAfter ? {"x-oms-consistent-after": String(consistentAfter)} : {};
  const body = await answer(await fetch("/graphql", {
    method: "POST", headers: headers(extra),
    body: JSON.stringify({query: document, variables, operationName}),
  }));
  if (body.errors?.length) throw new Problem(body.errors.map((e) => e.message).join("; "));
  return body.data;
}

// A REST command; remembers its log position so the next read sees its effect.
export async function command(path, body = undefined) {
  const response = await fetch(path, {
    method: "POST",
    headers: headers({"idempotency-key": crypto.randomUUID()}),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const result = await answer(response);
  if (result.position) consistentAfter = Math.max(consistentAfter, result.position);
  return result;
}

// A link's click when an API key is set: fetch the target with the key, show it in a tab.
export async function openWithKey(event) {
  if (!apiKey.get()) return; // development mode: a plain link does it
  event.preventDefault();
  const tab = window.open("", "_blank");
  const response = await fetch(event.currentTarget.href, {headers: headers()});
  if (!response.ok) {
    tab?.close();
    await answer(response).catch((problem) => say(problem.message, true));
    return;
  }
  const url = URL.createObjectURL(await response.blob());
  if (tab) tab.location = url; else location.assign(url);
}

// graphql-transport-ws: onData(data) for every update; returns a function that stops it.
export function subscribe(document, variables, onData, onState) {
  const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/graphql`;
  const socket = new WebSocket(url, "graphql-transport-ws");
  const send = (message) => socket.send(JSON.stringify(message));
  socket.addEventListener("open", () =>
    send({type: "connection_init", payload: apiKey.get() ? {apiKey: apiKey.get()} : {}}));
  socket.addEventListener("message", (event) => {
    const message = JSON.parse(event.data);
    if (message.type === "connection_ack") {
      send({id: "1", type: "subscribe", payload: {query: document, variables}});
      onState("live");
    } else if (message.type === "next") {
      if (message.payload.data) onData(message.payload.data);
    } else if (message.type === "ping") {
      send({type: "pong"});
    } else if (message.type === "error") {
      onState("error");
    }
  });
  socket.addEventListener("close", () => onState("closed"));
  return () => socket.close(1000);
}

// Fields a type has in this server's schema (other parts of the schema may be newer
// or older than the console): one introspection query, cached.
let types = null;
export async function schemaTypes() {
  if (types) return types;
  const data = await query(`query ConsoleSchema {
    __schema { types { name kind fields { name type { kind name ofType { kind name
      ofType { kind name ofType { kind name } } } } } } } }`);
  types = new Map(data.__schema.types.map((t) => [t.name, t]));
  return types;
}
