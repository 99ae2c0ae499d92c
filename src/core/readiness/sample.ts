import type {FactValue} from '../facts/vocabulary.js'

/** Plain sample wording for the text facts, so readiness can render every template as a real incident would. */
export const SAMPLE_TEXT_FACTS: Record<string, FactValue> = {
  summary: 'On 2 January someone used a stolen staff password to sign in to our customer system and copied customer records.',
  'summary.ja': '1月2日、盗まれた従業員のパスワードが使われ、顧客システムからお客様の記録がコピーされました。',
  cause: 'A staff password stolen in a phishing email.',
  consequences: 'Someone could use your details to send you convincing fake messages.',
  measures_taken: 'We locked the account, reset staff passwords, added two-step sign-in, and hired outside experts to investigate.',
  'measures_taken.ja': 'アカウントを停止し、全従業員のパスワードを再設定しました。',
  occurred_at: '2026-01-02T09:00:00.000Z',
  breach_ended_at: '2026-01-03T09:00:00.000Z',
  materiality_determined_at: '2026-01-06T09:00:00.000Z',
  material_impact: 'We do not expect a material effect on our finances or operations; the investigation continues.',
  law_enforcement_delay: false,
  monitoring_months: 24,
  monitoring_offer: 'Two years of credit monitoring and identity restoration at no cost; enrol by the date in this letter with the code it gives.',
  'cause.ja': 'フィッシングメールで従業員のパスワードが盗まれました。',
  'consequences.ja': 'お客様の情報を使った、本物らしく見える偽のメッセージが届くおそれがあります。',
  // A Japanese notice gives a line readers in Japan can call (the incident sets its own).
  contact_phone_jp: '0120-123-456（受付時間：平日9時〜18時）',
  // The GDPR notices in German, French, Spanish, Italian and Dutch read their texts in those languages.
  'summary.de': 'Am 2. Januar hat sich jemand mit dem gestohlenen Passwort eines Mitarbeiters an unserem Kundensystem angemeldet und Kundendaten kopiert.',
  'consequences.de': 'Jemand könnte Ihre Daten nutzen, um Ihnen täuschend echte gefälschte Nachrichten zu schicken.',
  'measures_taken.de':
    'Wir haben das Konto gesperrt, die Passwörter der Beschäftigten zurückgesetzt, die Anmeldung in zwei Schritten eingeführt und externe Fachleute mit der Untersuchung beauftragt.',
  'summary.fr': 'Le 2 janvier, quelqu’un a utilisé le mot de passe volé d’un salarié pour se connecter à notre système clients et a copié des fiches clients.',
  'consequences.fr': 'Quelqu’un pourrait utiliser vos données pour vous envoyer de faux messages très convaincants.',
  'measures_taken.fr':
    'Nous avons bloqué le compte, réinitialisé les mots de passe du personnel, mis en place la validation en deux étapes et confié l’enquête à des experts externes.',
  'summary.es': 'El 2 de enero, alguien usó la contraseña robada de un empleado para entrar en nuestro sistema de clientes y copió registros de clientes.',
  'consequences.es': 'Alguien podría usar sus datos para enviarle mensajes falsos muy convincentes.',
  'measures_taken.es':
    'Hemos bloqueado la cuenta, restablecido las contraseñas del personal, activado la verificación en dos pasos y encargado la investigación a expertos externos.',
  'summary.it': 'Il 2 gennaio qualcuno ha usato la password rubata di un dipendente per accedere al nostro sistema clienti e ha copiato dati dei clienti.',
  'consequences.it': 'Qualcuno potrebbe usare i Suoi dati per inviarLe messaggi falsi molto convincenti.',
  'measures_taken.it':
    'Abbiamo bloccato l’account, reimpostato le password del personale, attivato la verifica in due passaggi e affidato l’indagine a esperti esterni.',
  'summary.nl': 'Op 2 januari heeft iemand met het gestolen wachtwoord van een medewerker ingelogd op ons klantsysteem en klantgegevens gekopieerd.',
  'consequences.nl': 'Iemand zou uw gegevens kunnen gebruiken om u overtuigende nepberichten te sturen.',
  'measures_taken.nl':
    'Wij hebben het account geblokkeerd, de wachtwoorden van medewerkers opnieuw ingesteld, tweestapsverificatie ingevoerd en externe deskundigen het onderzoek laten doen.',
}
