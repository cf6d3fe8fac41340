import { shellCaseFunctions } from './shellCaseFunctions';

/*
 * The completion function walks the words before the cursor. Subcommand names extend the command
 * path, and an option that takes a value skips the next word. For exec, the first positional word
 * or the word after -- starts the command to run, which bash-completion's _command_offset
 * completes when it is loaded. Candidates are added one by one rather than with compgen -W, which
 * would expand $(...) in profile names.
 */
const BASH_FUNCTION = `
_vault_aws_add_matches() {
  local candidate
  while IFS= read -r candidate; do
    [[ -n $candidate && $candidate == "$1"* ]] && COMPREPLY+=("$candidate")
  done
}

_vault_aws_complete_command() {
  if declare -F _command_offset >/dev/null; then
    _command_offset "$1"
  elif (( COMP_CWORD == $1 )); then
    mapfile -t COMPREPLY < <(compgen -c -- "$2")
  else
    mapfile -t COMPREPLY < <(compgen -f -- "$2")
  fi
}

_vault_aws() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]}
  local command_path='' word kind index
  COMPREPLY=()

  # With = in COMP_WORDBREAKS, --profile=NAME arrives as three words.
  if [[ $cur == = ]]; then
    cur=''
  elif [[ $prev == = ]]; then
    prev=\${COMP_WORDS[COMP_CWORD-2]}
  fi

  for (( index = 1; index < COMP_CWORD; index++ )); do
    word=\${COMP_WORDS[index]}
    if [[ $word == -- ]]; then
      if [[ $(_vault_aws_positional "$command_path") == command ]]; then
        _vault_aws_complete_command $((index + 1)) "$cur"
        return
      fi
    elif [[ $word == -* ]]; then
      if [[ -n $(_vault_aws_option_value "$word") && \${COMP_WORDS[index+1]} != = ]]; then
        (( index++ ))
      fi
    elif _vault_aws_subcommands "$command_path" | grep -qxF -- "$word"; then
      command_path=\${command_path:+$command_path }$word
    elif [[ $(_vault_aws_positional "$command_path") == command ]]; then
      _vault_aws_complete_command "$index" "$cur"
      return
    fi
  done

  kind=$(_vault_aws_option_value "$prev")
  if [[ -n $kind ]]; then
    _vault_aws_add_matches "$cur" < <(_vault_aws_values "$kind")
  elif [[ $cur == -* ]]; then
    _vault_aws_add_matches "$cur" < <(_vault_aws_options "$command_path")
  else
    kind=$(_vault_aws_positional "$command_path")
    if [[ $kind == command ]]; then
      _vault_aws_complete_command "$COMP_CWORD" "$cur"
      return
    fi

    _vault_aws_add_matches "$cur" < <(_vault_aws_subcommands "$command_path"; [[ -n $kind ]] && _vault_aws_values "$kind")
  fi
}

complete -F _vault_aws vault-aws
`;

/** Returns the bash completion script; `source <(vault-aws completion bash)` loads it. */
export function bashCompletion(): string {
  return `# bash completion for vault-aws. Load it with: source <(vault-aws completion bash)\n\n${shellCaseFunctions()}${BASH_FUNCTION}`;
}
