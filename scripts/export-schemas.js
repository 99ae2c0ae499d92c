#!/usr/bin/env node
// Writes schemas/*.schema.json from the zod schemas (run by `npm run build`), so editors can validate YAML.
import {writeFileSync, mkdirSync} from 'node:fs'
import {
  directoryJsonSchema,
  playbookJsonSchema,
  regulationJsonSchema,
  scenarioJsonSchema,
  templateJsonSchema,
  workspaceJsonSchema,
} from '../dist/core/content/json-schema.js'

mkdirSync(new URL('../schemas/', import.meta.url), {recursive: true})
writeFileSync(new URL('../schemas/playbook.schema.json', import.meta.url), JSON.stringify(playbookJsonSchema(), null, 2) + '\n')
writeFileSync(new URL('../schemas/regulation.schema.json', import.meta.url), JSON.stringify(await regulationJsonSchema(), null, 2) + '\n')
writeFileSync(new URL('../schemas/scenario.schema.json', import.meta.url), JSON.stringify(await scenarioJsonSchema(), null, 2) + '\n')
writeFileSync(new URL('../schemas/directory.schema.json', import.meta.url), JSON.stringify(await directoryJsonSchema(), null, 2) + '\n')
writeFileSync(new URL('../schemas/template.schema.json', import.meta.url), JSON.stringify(await templateJsonSchema(), null, 2) + '\n')
writeFileSync(new URL('../schemas/runbook.schema.json', import.meta.url), JSON.stringify(await workspaceJsonSchema(), null, 2) + '\n')
