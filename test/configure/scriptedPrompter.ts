import type { Prompter } from '../../src/aws-config/prompter';

/** Returns a prompter that replays answers in order and records each question with its default. */
export function scriptedPrompter(answers: string[], confirmAnswer: boolean | (() => Promise<boolean>) = true): Prompter & { questions: string[] } {
  const questions: string[] = [];

  return {
    questions,
    async ask(question, defaultValue) {
      questions.push(defaultValue === undefined ? question : `${question} [${defaultValue}]`);
      const answer = answers.shift();
      if (answer === undefined) {
        throw new Error(`No scripted answer for "${question}"`);
      }

      return answer === '' ? (defaultValue ?? '') : answer;
    },
    async confirm(question) {
      questions.push(question);
      return typeof confirmAnswer === 'boolean' ? confirmAnswer : confirmAnswer();
    },
    close() {},
  };
}
