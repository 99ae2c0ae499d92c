import {describe, expect, it} from 'vitest'
import {redactUrl, storeUrlProblem} from '../../src/core/workspace/store-url.js'

describe('the store URL', () => {
  it('takes postgresql:// and postgres:// URLs, with the host in the URL or left to PGHOST', () => {
    for (const url of [
      'postgresql://runbook@db.example.com:5432/runbook',
      'postgres:///runbook?host=/var/run/postgresql',
      'postgresql://db/runbook?sslmode=verify-full',
    ])
      expect(storeUrlProblem(url, true), url).toBeNull()
  })

  it('refuses a password in runbook.yaml, in the user part or as a parameter, and says where it goes instead', () => {
    for (const url of ['postgresql://anna:secret@db/runbook', 'postgresql://anna@db/runbook?password=secret']) {
      expect(storeUrlProblem(url, true)).toMatch(/password does not belong in runbook.yaml.*~\/\.pgpass or PGPASSWORD/)
      // The environment is not shared: RUNBOOK_DATABASE_URL may hold one.
      expect(storeUrlProblem(url, false)).toBeNull()
    }
  })

  it('refuses what is not a PostgreSQL URL', () => {
    expect(storeUrlProblem('mysql://db/runbook', false)).toMatch(/postgresql:\/\//)
    expect(storeUrlProblem('db.example.com/runbook', false)).toMatch(/PostgreSQL URL/)
  })

  it('never shows a password in messages', () => {
    expect(redactUrl('postgresql://anna:secret@db:5432/runbook')).toBe('postgresql://anna@db:5432/runbook')
    expect(redactUrl('postgresql://anna@db/runbook?password=secret&sslmode=require')).toBe('postgresql://anna@db/runbook?sslmode=require')
  })
})
