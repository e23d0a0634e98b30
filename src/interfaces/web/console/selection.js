// Selections for optional parts of the schema (Order.sourcing, Shipment.scans): built
// from introspection, so the console reads them where the server has them.
import {schemaTypes} from "./client.js";

function named(type) {
  while (type.ofType) type = type.ofType;
  return type;
}

function selectionOf(types, typeName, depth) {
  const type = types.get(typeName);
  if (!type?.fields) return "";
  const parts = [];
  for (const field of type.fields) {
    const inner = named(field.type);
    if (inner.kind === "SCALAR" || inner.kind === "ENUM") parts.push(field.name);
    else if (inner.kind === "OBJECT" && depth > 0) {
      const nested = selectionOf(types, inner.name, depth - 1);
      if (nested) parts.push(`${field.name} { ${nested} }`);
    }
  }
  return parts.join(" ");
}

// `field { ... }` if `typeName` has `field` (without arguments), else "".
export async function optional(typeName, field, depth = 1) {
  const types = await schemaTypes();
  const found = types.get(typeName)?.fields?.find((f) => f.name === field);
  if (!found) return "";
  const inner = named(found.type);
  if (inner.kind === "SCALAR" || inner.kind === "ENUM") return field;
  const nested = selectionOf(types, inner.name, depth);
  return nested ? `${field} { ${nested} }` : "";
}
