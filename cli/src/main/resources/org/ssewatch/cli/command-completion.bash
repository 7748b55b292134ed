
# ssewatch runs a command: from the command's name on (the first word that is neither one of
# ssewatch's options nor an option's value, or the word after --), the words are that command's.
# They are completed as bash-completion completes them after sudo or nohup (_command_offset), or,
# without bash-completion, as a command name and then file names. Before the command, ssewatch's
# own options complete as picocli's _complete_ssewatch above has them.
function _ssewatch_complete() {
  local i=1
  while (( i < COMP_CWORD )); do
    case ${COMP_WORDS[i]} in
      --)
        _ssewatch_complete_command $((i + 1))
        return
        ;;
      @ARG_OPTIONS@)
        # Its value is the next word, or the one after "=" (COMP_WORDBREAKS splits --opt=value).
        if [[ ${COMP_WORDS[i + 1]} == = ]]; then ((i += 3)); else ((i += 2)); fi
        ;;
      -*)
        ((i += 1))
        ;;
      generate-completion|emit)
        _complete_ssewatch "$@"
        return
        ;;
      *)
        _ssewatch_complete_command "$i"
        return
        ;;
    esac
  done
  if (( i == COMP_CWORD )) && [[ ${COMP_WORDS[i]} != -* ]]; then
    _ssewatch_complete_command "$i"
    # Where the command's name goes, the subcommand may go as well.
    local sub
    for sub in $(compgen -W "generate-completion emit" -- "${COMP_WORDS[i]}"); do
      COMPREPLY+=("$sub")
    done
  else
    _complete_ssewatch "$@"
  fi
}

# Completes the word being typed when the command's name is word $1.
function _ssewatch_complete_command() {
  local at=$1 cur=${COMP_WORDS[COMP_CWORD]}
  local IFS=$'\n'
  if (( COMP_CWORD == at )); then
    # The command's name: a command on the PATH, or a path to a program (or to its directory).
    type compopt &>/dev/null && compopt -o filenames 2>/dev/null
    if [[ $cur == */* ]]; then
      COMPREPLY=($(compgen -f -- "$cur"))
    else
      COMPREPLY=($(compgen -c -- "$cur") $(compgen -d -- "$cur"))
    fi
  elif declare -F _comp_command_offset &>/dev/null; then
    _comp_command_offset "$at"
  elif declare -F _command_offset &>/dev/null; then
    _command_offset "$at"
  else
    type compopt &>/dev/null && compopt -o filenames 2>/dev/null
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}

complete -F _ssewatch_complete -o default ssewatch ssewatch.sh ssewatch.bash
