# riskgrade.bash: bash completion for riskgrade (installed as
# PREFIX/share/bash-completion/completions/riskgrade; or `. contrib/riskgrade.bash`).
# The commands, each command's options, which options take a value, the values listed in
# its usage (--format table|csv|json|xlsx) and the importable tables are read from
# `riskgrade --help` and `riskgrade COMMAND --help` when first needed, and kept for the
# session, so they follow the binary.  Needs bash 4.2 and grep, sed; nothing else.

declare -gA _riskgrade_opts=() _riskgrade_vopts=() _riskgrade_alts=()
declare -g _riskgrade_cmds='' _riskgrade_tables=''

# The riskgrade being completed: the word typed if it is a path to a program, else the
# one on PATH.
_riskgrade_bin()
{
	local bin=${COMP_WORDS[0]}
	[[ $bin == */* && -x $bin ]] || bin=riskgrade
	printf '%s\n' "$bin"
}

# _riskgrade_help ARGS...: riskgrade's help in the C locale (English, whatever the user's
# language, so that it parses the same).
_riskgrade_help()
{
	LC_ALL=C "$(_riskgrade_bin)" "$@" --help 2>/dev/null
}

# Reads the options of command $1 into the caches, once: every option its help names
# (-o and --NAME), those followed by a value (--rules DIR, --format table|csv), and for
# each option whose usage lists its values, those values.
_riskgrade_load()
{
	local cmd=$1 help alt
	[[ -n ${_riskgrade_opts[$cmd]+set} ]] && return
	help=$(_riskgrade_help "$cmd")
	_riskgrade_opts[$cmd]="$(grep -oE -- '(^|[][ ,(|])(-o|--[a-z][a-z0-9-]*)' <<<"$help" |
		sed 's/^[^-]*//' | sort -u | tr '\n' ' ')--help --wait"
	_riskgrade_vopts[$cmd]=" $(grep -oE -- '(^|[][ ,(|])(-o|--[a-z][a-z0-9-]*) ([A-Z][A-Z_:.]*|[a-z0-9-]+\|)' <<<"$help" |
		sed 's/^[^-]*//; s/ .*//' | sort -u | tr '\n' ' ')--wait "
	# One line per option: "--format table csv json xlsx".
	alt=$(grep -oE -- '--[a-z][a-z0-9-]* ([a-z0-9-]+\|)+[a-z0-9-]+' <<<"$help" |
		sed 's/|/ /g' | sort -u)
	_riskgrade_alts[$cmd]=$alt
}

# The commands `riskgrade --help` lists.
_riskgrade_commands()
{
	[[ -n $_riskgrade_cmds ]] ||
		_riskgrade_cmds=$(_riskgrade_help | sed -n '/^commands:/,/^$/s/^  \([a-z][a-z]*\) .*/\1/p' |
			tr '\n' ' ')
	printf '%s\n' "$_riskgrade_cmds"
}

# The tables `riskgrade import --help` names ("Tables, in the order ...: a b c.").
_riskgrade_import_tables()
{
	[[ -n $_riskgrade_tables ]] ||
		_riskgrade_tables=$(_riskgrade_help import | tr '\n' ' ' |
			sed -n 's/.*Tables, in the order their references need: *\([a-z_ ]*\)\..*/\1/p')
	printf '%s\n' "$_riskgrade_tables"
}

# _riskgrade_files [-d]: file names (or only folders) completing the current word.
_riskgrade_files()
{
	compopt -o filenames 2>/dev/null
	if [[ $1 == -d ]]; then
		mapfile -t COMPREPLY < <(compgen -d -- "$cur")
	else
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
	fi
}

_riskgrade_words()
{
	mapfile -t COMPREPLY < <(compgen -W "$1" -- "$cur")
}

# The value of option $1 of command $cmd.
_riskgrade_value()
{
	local opt=$1 line
	case $opt in
	-o | --output | --db) _riskgrade_files; return ;;
	--rules) _riskgrade_files -d; return ;;
	--tier) _riskgrade_words '一级 二级 三级'; return ;;
	--status) _riskgrade_words '发布 签收 反馈 解除 open all'; return ;;
	esac
	while read -r line; do
		if [[ ${line%% *} == "$opt" ]]; then
			_riskgrade_words "${line#* }"
			return
		fi
	done <<<"${_riskgrade_alts[$cmd]}"
	COMPREPLY=()
}

# The N-th word after the command that is neither an option nor an option's value.
_riskgrade_positional()
{
	local n=$1
	case $cmd:$n in
	init:1 | grade:1 | warnings:1 | explain:1 | runs:1 | diff:1 | flags:1 | \
	approve:1 | warning:1 | calibrate:1 | audit:1 | export:1 | notice:1 | \
	report:1 | rules:1 | facts:1 | list:1 | import:1 | import:3)
		_riskgrade_files ;;
	import:2) _riskgrade_words "$(_riskgrade_import_tables)" ;;
	facts:2) _riskgrade_words remove ;;
	list:2)
		_riskgrade_words 'agencies departments posts persons powers points
			单位 科室 岗位 人员 职权 风险点' ;;
	export:2)
		_riskgrade_words 'tiers measures warnings powers
			岗位风险等级清单 廉政风险防控措施台账 预警清单 职权目录' ;;
	warning:3) _riskgrade_words 'ack feedback release escalate 签收 反馈 解除 升级' ;;
	audit:2) _riskgrade_words 'verify list head' ;;
	approve:3) _riskgrade_words '一级 二级 三级' ;;
	test:* | lint:*) _riskgrade_words default ;;
	*) COMPREPLY=() ;;
	esac
}

_riskgrade()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	local cmd=${COMP_WORDS[1]} i n=0 w
	COMPREPLY=()

	if ((COMP_CWORD == 1)); then
		_riskgrade_words "$(_riskgrade_commands) --help --version"
		return
	fi
	_riskgrade_load "$cmd"
	# --opt=value reaches us as three words, "--opt" "=" "value".
	if [[ $cur == = ]]; then
		cur=''
	elif [[ $prev == = ]]; then
		prev=${COMP_WORDS[COMP_CWORD-2]}
	fi
	if [[ ${_riskgrade_vopts[$cmd]} == *" $prev "* ]]; then
		_riskgrade_value "$prev"
		return
	fi
	if [[ $cur == -* ]]; then
		_riskgrade_words "${_riskgrade_opts[$cmd]}"
		return
	fi
	for ((i = 2; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		if [[ ${COMP_WORDS[i+1]} == = && $w == -* ]]; then
			((i += 2))
		elif [[ $w == -* ]]; then
			[[ ${_riskgrade_vopts[$cmd]} == *" $w "* ]] && ((i++))
		else
			((n++))
		fi
	done
	_riskgrade_positional $((n + 1))
}

complete -F _riskgrade riskgrade
