#!/usr/bin/env node
// Validates Camunda Modeler element templates against the Camunda 7 element template JSON schema
// (@bpmn-io/element-templates-validator, the validator Modeler itself uses). Exits non-zero on any error.
//
//   node tools/validate-element-templates.js [file-or-folder ...]   (default: .camunda/element-templates)
'use strict';

const fs = require('fs');
const path = require('path');
const { validateAll } = require('@bpmn-io/element-templates-validator');

const targets = process.argv.length > 2 ? process.argv.slice(2) : ['.camunda/element-templates'];
const files = targets.flatMap((target) => fs.statSync(target).isDirectory()
  ? fs.readdirSync(target).filter((name) => name.endsWith('.json')).sort().map((name) => path.join(target, name))
  : [target]);

let failures = 0;
let count = 0;
for (const file of files) {
  let content;
  try {
    content = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    console.error(`${file}: not JSON: ${e.message}`);
    failures++;
    continue;
  }
  const templates = Array.isArray(content) ? content : [content];
  const { valid, results } = validateAll(templates);
  count += templates.length;
  if (!valid) {
    for (const result of results.filter((r) => !r.valid)) {
      for (const error of result.errors) {
        console.error(`${file}: ${result.object.id || '(no id)'}: ${error.message} at ${error.instancePath || '/'}`);
        failures++;
      }
    }
  }
}
if (count === 0) {
  console.error('No element templates found in ' + targets.join(', '));
  process.exit(1);
}
if (failures > 0) {
  console.error(`${failures} problem(s) in the element templates`);
  process.exit(1);
}
console.log(`${count} element template(s) valid against the Camunda 7 element template schema`);
