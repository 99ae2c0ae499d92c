import {copyFileSync} from 'node:fs'
import {join} from 'node:path'
import {expect} from 'vitest'
import {ROOT, runCli, tempDir} from './cli.js'

/**
 * A workspace with the Northwind organisation and an incident whose facts every built-in template needs; `omit`
 * leaves some of them unset (to see a notice stop on a missing fact).
 */
export async function sampleIncident(extraFacts: [string, string][] = [], options: {omit?: string[]} = {}): Promise<string> {
  const workspace = tempDir()
  copyFileSync(join(ROOT, 'test', 'fixtures', 'northwind.yaml'), join(workspace, 'runbook.yaml'))
  expect((await runCli(['incident', 'open', '--playbook', 'account-takeover', '--aware-at', '2026-03-28T09:00-04:00'], {workspace})).code).toBe(0)
  const facts: [string, string][] = [
    ['summary', 'On 27 March someone used passwords stolen from another website to sign in to 1,240 customer accounts.'],
    ['summary.ja', '3月27日、他のサイトから盗まれたパスワードが使われ、お客様のアカウントに不正にログインされました。'],
    ['cause', "Passwords reused from another company's breach."],
    ['cause.ja', '他社の漏えいで盗まれたパスワードが当社でも使い回されていました。'],
    ['consequences', 'Someone could use your address and order history to send convincing fake messages.'],
    ['consequences.ja', 'お客様のご住所やご注文履歴を使った、本物らしく見える偽のメッセージが届くおそれがあります。'],
    ['measures_taken', 'We signed everyone out, reset the passwords of the affected accounts, and now check new sign-ins from unknown devices.'],
    ['measures_taken.ja', '影響を受けたアカウントのパスワードをリセットし、不審なログインの監視を強化しました。'],
    ['data_categories', 'contact,credentials'],
    ['affected.US-CA', '1240'],
    ['affected.total', '1240'],
    ['risk', 'high'],
    ['encrypted', 'false'],
    ['occurred_at', '2026-03-27T22:00Z'],
    ['breach_ended_at', '2026-03-28T08:00Z'],
    ['law_enforcement_delay', 'false'],
    ['monitoring_months', '24'],
    [
      'monitoring_offer',
      'The service is Experian IdentityWorks: daily monitoring of your credit files at the three agencies, help to restore your identity, and identity theft insurance. Enroll by June 30, 2026 at experianidworks.com/credit with activation code NWO-2026-7QK4.',
    ],
    // The same texts in German, French, Spanish, Italian and Dutch, for the GDPR notices in those languages.
    ['summary.de', 'Am 27. März hat sich jemand mit Passwörtern, die bei einer anderen Website gestohlen wurden, bei 1.240 Kundenkonten angemeldet.'],
    ['consequences.de', 'Jemand könnte Ihre Anschrift und Ihre Bestellungen nutzen, um Ihnen täuschend echte gefälschte Nachrichten zu schicken.'],
    [
      'measures_taken.de',
      'Wir haben alle Sitzungen beendet, die Passwörter der betroffenen Konten zurückgesetzt und prüfen neue Anmeldungen von unbekannten Geräten.',
    ],
    ['summary.fr', 'Le 27 mars, quelqu’un a utilisé des mots de passe volés sur un autre site pour se connecter à 1 240 comptes clients.'],
    ['consequences.fr', 'Quelqu’un pourrait utiliser votre adresse et l’historique de vos commandes pour vous envoyer de faux messages très convaincants.'],
    [
      'measures_taken.fr',
      'Nous avons déconnecté tous les comptes, réinitialisé les mots de passe des comptes concernés, et nous contrôlons désormais les connexions depuis des appareils inconnus.',
    ],
    ['summary.es', 'El 27 de marzo, alguien usó contraseñas robadas en otro sitio web para entrar en 1240 cuentas de clientes.'],
    ['consequences.es', 'Alguien podría usar su dirección y su historial de pedidos para enviarle mensajes falsos muy convincentes.'],
    [
      'measures_taken.es',
      'Hemos cerrado todas las sesiones, hemos restablecido las contraseñas de las cuentas afectadas y ahora comprobamos los inicios de sesión desde dispositivos desconocidos.',
    ],
    ['summary.it', 'Il 27 marzo qualcuno ha usato password rubate da un altro sito per accedere a 1.240 account di clienti.'],
    ['consequences.it', 'Qualcuno potrebbe usare il Suo indirizzo e lo storico dei Suoi ordini per inviarLe messaggi falsi molto convincenti.'],
    [
      'measures_taken.it',
      'Abbiamo chiuso tutte le sessioni, reimpostato le password degli account coinvolti e ora controlliamo gli accessi da dispositivi sconosciuti.',
    ],
    ['summary.nl', 'Op 27 maart heeft iemand met wachtwoorden die bij een andere website waren gestolen, ingelogd op 1.240 klantaccounts.'],
    ['consequences.nl', 'Iemand zou uw adres en uw bestelgeschiedenis kunnen gebruiken om u overtuigende nepberichten te sturen.'],
    [
      'measures_taken.nl',
      'Wij hebben alle sessies beëindigd, de wachtwoorden van de betrokken accounts opnieuw ingesteld en controleren nu nieuwe aanmeldingen vanaf onbekende apparaten.',
    ],
    ['contact_phone_jp', '0120-412-779（受付時間：平日9時〜18時）'],
    ['press_contact', 'Jordan Kim, press@northwind-outfitters.com, +1 617 555 2187'],
    ['materiality_determined_at', '2026-03-30T12:00Z'],
    ['material_impact', 'We do not expect the incident to have a material effect on our finances or operations; our investigation continues.'],
    ...extraFacts,
  ]
  // Recorded after the fact (opened today, facts from March): --force accepts response instants from before the opening.
  for (const [key, value] of facts.filter(([key]) => !options.omit?.includes(key)))
    expect((await runCli(['fact', 'set', key, value, '--force', '--reason', 'sample'], {workspace})).code, `${key}`).toBe(0)
  return workspace
}
