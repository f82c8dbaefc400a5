#!/usr/bin/env node
// Checks KQL queries with the official Kusto language service (@kusto/language-service-next) against declared
// table schemas and functions, and prints the diagnostics of every query as one JSON document on stdout.
//
// Usage: node kql-check.mjs REQUEST.json
//   REQUEST.json: {"schemaDirectories": ["dir", ...], "queries": [{"id": "q1", "text": "T | take 1"}, ...],
//                  "includeLiterals": false}
// Each *.json file in a schema directory declares a table, {"Name": T, "Properties": [{"Name": C, "Type": TYPE}]},
// or a tabular function when it also has "Parameters": [{"Name": P, "Type": TYPE}]; the function then returns
// an empty table with the listed columns. Property keys may be capitalised or not, and type names are compared
// case-insensitively (String, Int, BigInt, Real, Float, DateTime, Boolean, Dynamic, Object, ...).
// Output: {"tables": N, "functions": N, "results": [{"id": "q1", "diagnostics": [{"severity", "code",
// "message", "start", "length"}], "literals": ["..."]}]}, where "literals" (only with "includeLiterals": true) lists
// the values of the query's string literals as the language service decodes them, each as base64 of its UTF-16LE
// code units, so that lone surrogates survive the trip through JSON. Exit code 0 when the check ran,
// 2 for an unusable request or schema.

import { createRequire } from 'node:module';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
require('@kusto/language-service-next/bridge.js');
require('@kusto/language-service-next/Kusto.Language.Bridge.js');

const Symbols = globalThis.Kusto.Language.Symbols;

const typeNames = new Map([
  ['string', 'string'],
  ['int', 'int'],
  ['long', 'long'],
  ['bigint', 'long'],
  ['real', 'real'],
  ['float', 'real'],
  ['double', 'real'],
  ['decimal', 'decimal'],
  ['bool', 'bool'],
  ['boolean', 'bool'],
  ['datetime', 'datetime'],
  ['timespan', 'timespan'],
  ['guid', 'guid'],
  ['dynamic', 'dynamic'],
  ['object', 'dynamic'],
]);

function fail(message) {
  process.stderr.write(`kql-check: ${message}\n`);
  process.exit(2);
}

function read(entry, key) {
  return entry[key] ?? entry[key.toLowerCase()];
}

function kqlType(typeName, where) {
  const mapped = typeNames.get(String(typeName).toLowerCase());
  if (!mapped) {
    fail(`unknown column type '${typeName}' in ${where}; add it to the type map in kql-check.mjs.`);
  }
  return mapped;
}

function quoteName(name) {
  return `['${String(name).replaceAll('\\', '\\\\').replaceAll("'", "\\'")}']`;
}

function columnList(properties, where) {
  return properties
    .map((property) => `${quoteName(read(property, 'Name'))}:${kqlType(read(property, 'Type'), where)}`)
    .join(', ');
}

function loadSymbols(directories) {
  const symbols = [];
  let tables = 0;
  let functions = 0;
  for (const directory of directories) {
    for (const file of readdirSync(directory).filter((name) => name.toLowerCase().endsWith('.json')).sort()) {
      const path = join(directory, file);
      const schema = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
      const name = read(schema, 'Name');
      const properties = read(schema, 'Properties');
      if (!name || !Array.isArray(properties)) {
        fail(`${path} has no Name or Properties.`);
      }

      const parameters = read(schema, 'Parameters');
      if (Array.isArray(parameters)) {
        const parameterList = `(${columnList(parameters, path).replaceAll(/\['([^']*)'\]/g, '$1')})`;
        const body = `{ datatable(${columnList(properties, path)})[] }`;
        symbols.push(new Symbols.FunctionSymbol.$ctor16(name, parameterList, body, null));
        functions++;
      } else {
        symbols.push(new Symbols.TableSymbol.$ctor7(name, `(${columnList(properties, path)})`, null));
        tables++;
      }
    }
  }
  return { symbols, tables, functions };
}

function stringLiterals(code) {
  const values = [];
  const kinds = globalThis.Kusto.Language.Syntax.SyntaxKind;
  globalThis.Kusto.Language.Syntax.SyntaxElement.WalkNodes(code.Syntax, (node) => {
    if (node.Kind === kinds.StringLiteralExpression || node.Kind === kinds.CompoundStringLiteralExpression) {
      values.push(Buffer.from(node.LiteralValue, 'utf16le').toString('base64'));
    }
  });
  return values;
}

function check(globals, query, includeLiterals) {
  const code = globalThis.Kusto.Language.KustoCode.ParseAndAnalyze(query.text, globals);
  const diagnostics = globalThis.Bridge.toArray(code.GetDiagnostics()).map((diagnostic) => ({
    severity: diagnostic.Severity,
    code: diagnostic.Code,
    message: diagnostic.Message,
    start: diagnostic.Start,
    length: diagnostic.Length,
  }));
  return includeLiterals ? { id: query.id, diagnostics, literals: stringLiterals(code) } : { id: query.id, diagnostics };
}

const requestPath = process.argv[2];
if (!requestPath) {
  fail('usage: node kql-check.mjs REQUEST.json');
}

const request = JSON.parse(readFileSync(requestPath, 'utf8'));
if (!Array.isArray(request.schemaDirectories) || !Array.isArray(request.queries)) {
  fail('the request needs "schemaDirectories" and "queries" arrays.');
}

const { symbols, tables, functions } = loadSymbols(request.schemaDirectories);
const database = new Symbols.DatabaseSymbol.ctor('Sentinel', symbols);
const globals = globalThis.Kusto.Language.GlobalState.Default.WithDatabase(database);
const results = request.queries.map((query) => check(globals, query, request.includeLiterals === true));
process.stdout.write(JSON.stringify({ tables, functions, results }));
