import { shellCaseFunctions } from './shellCaseFunctions';

/*
 * The same walk as the bash script, with zsh's words and CURRENT. For exec, the words from the
 * command to run on are handed to _normal, which completes them as their own command line. The
 * variable is command_path because zsh ties `path` to PATH.
 */
const ZSH_FUNCTION = `
_vault_aws() {
  local command_path='' word kind index
  local -a candidates

  for (( index = 2; index < CURRENT; index++ )); do
    word=\${words[index]}
    if [[ $word == -- ]]; then
      if [[ $(_vault_aws_positional "$command_path") == command ]]; then
        shift $index words
        (( CURRENT -= index ))
        _normal
        return
      fi
    elif [[ $word == -* ]]; then
      if [[ -n $(_vault_aws_option_value "$word") && $word != *=* ]]; then
        (( index++ ))
      fi
    elif [[ -n \${(M)\${(f)"$(_vault_aws_subcommands "$command_path")"}:#$word} ]]; then
      command_path=\${command_path:+$command_path }$word
    elif [[ $(_vault_aws_positional "$command_path") == command ]]; then
      shift $(( index - 1 )) words
      (( CURRENT -= index - 1 ))
      _normal
      return
    fi
  done

  word=\${words[CURRENT]}
  if [[ $word == --*=* ]]; then
    kind=$(_vault_aws_option_value "\${word%%=*}")
    [[ -n $kind ]] && compadd -P "\${word%%=*}=" -- \${(f)"$(_vault_aws_values "$kind")"}
    return
  fi

  kind=$(_vault_aws_option_value "\${words[CURRENT-1]}")
  if [[ -n $kind ]]; then
    candidates=(\${(f)"$(_vault_aws_values "$kind")"})
  elif [[ $word == -* ]]; then
    candidates=(\${(f)"$(_vault_aws_options "$command_path")"})
  else
    kind=$(_vault_aws_positional "$command_path")
    if [[ $kind == command ]]; then
      _command_names -e
      return
    fi

    candidates=(\${(f)"$(_vault_aws_subcommands "$command_path"; [[ -n $kind ]] && _vault_aws_values "$kind")"})
  fi

  compadd -- $candidates
}

if (( $+functions[compdef] )); then
  compdef _vault_aws vault-aws
else
  print -u2 'vault-aws completion: run "autoload -Uz compinit && compinit" before loading it'
fi
`;

/** Returns the zsh completion script; `source <(vault-aws completion zsh)` after compinit loads it. */
export function zshCompletion(): string {
  return `# zsh completion for vault-aws. Load it after compinit with: source <(vault-aws completion zsh)\n\n${shellCaseFunctions()}${ZSH_FUNCTION}`;
}
