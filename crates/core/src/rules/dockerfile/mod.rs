//! Dockerfile rules, one per file. The registry lists them.

pub mod add_instead_of_copy;
pub mod apk_no_cache;
pub mod apk_pin;
pub mod apt_get_pin;
pub mod apt_get_yes;
pub mod apt_lists_cleanup;
pub mod apt_no_install_recommends;
pub mod cd_to_workdir;
pub mod chown_after_copy;
pub mod consecutive_run;
pub mod consistent_instruction_casing;
pub mod copy_context_unfiltered;
pub mod copy_dest_slash;
pub mod copy_from_self;
pub mod copy_from_unknown_stage;
pub mod copy_ignored_file;
pub mod copy_relative_dest;
pub mod copy_root_filesystem;
pub mod copy_then_extract;
pub mod curl_pipe_shell;
pub mod dist_upgrade;
pub mod dnf_clean;
pub mod dnf_pin;
pub mod dnf_yes;
pub mod duplicate_stage_name;
pub mod env_self_reference;
pub mod expose_invalid_format;
pub mod expose_port_range;
pub mod expose_proto_casing;
pub mod from_as_casing;
pub mod from_platform_flag_const_disallowed;
pub mod gem_pin;
pub mod go_install_pin;
pub mod healthcheck_missing;
pub mod healthcheck_probe_missing;
pub mod image_tag;
pub mod inline_ignore_pragma;
pub mod instruction_order;
pub mod invalid_default_arg_in_from;
pub mod invalid_definition_description;
pub mod json_args_recommended;
pub mod label_email;
pub mod label_empty;
pub mod label_git_hash;
pub mod label_key_invalid;
pub mod label_missing;
pub mod label_rfc3339;
pub mod label_semver;
pub mod label_spdx;
pub mod label_superfluous;
pub mod label_url;
mod labels;
pub mod last_user_root;
pub mod latest_tag;
pub mod legacy_key_value_format;
pub mod maintainer_deprecated;
pub mod multiple_cmd;
pub mod multiple_entrypoint;
pub mod multiple_healthcheck;
pub mod no_empty_continuation;
pub mod no_sudo;
pub mod no_upgrade;
pub mod npm_cache_in_layer;
pub mod npm_only_production;
pub mod npm_pin;
pub mod numeric_user;
pub mod onbuild_trigger_invalid;
mod packages;
pub mod pip_no_cache_dir;
pub mod pip_pin;
pub mod pipefail;
pub mod pointless_commands;
pub mod redundant_target_platform;
pub mod reserved_stage_name;
pub mod secrets_used_in_arg_or_env;
pub mod shell_deprecated_egrep;
pub mod shell_echo_escapes;
pub mod shell_find_without_path;
pub mod shell_local_in_sh;
pub mod shell_loop_runs_once;
pub mod shell_masked_return;
pub mod shell_single_quoted_expansion;
pub mod shell_source_in_sh;
pub mod shell_syntax_function_parameters;
pub mod shell_syntax_invalid_parenthesis;
pub mod shell_syntax_literal_escape;
pub mod shell_syntax_regular_escape;
pub mod shell_syntax_stopped_at_parenthesis;
pub mod shell_syntax_unparsable;
pub mod shell_unchecked_cd;
pub mod shell_unquoted_substitution;
pub mod shell_unquoted_variable;
pub mod shell_useless_bang;
pub mod shellcheck;
pub mod stage_name_casing;
pub mod trusted_registries;
pub mod undefined_arg_in_from;
pub mod undefined_var;
pub mod use_apt_get;
pub mod use_shell_instruction;
pub mod useradd_high_uid;
pub mod wget_or_curl;
pub mod wget_progress;
pub mod workdir_relative_path;
pub mod yarn_cache_clean;
pub mod yum_clean;
pub mod yum_pin;
pub mod yum_yes;
pub mod zypper_clean;
pub mod zypper_pin;
pub mod zypper_yes;

use crate::dockerfile::{Command, Keyword};
use crate::span::Span;

use super::{DockerfileContext, Finding};

/// Reports every instruction of `keyword` in a stage but the last, the way
/// BuildKit's MultipleInstructionsDisallowed does.
fn report_repeated(ctx: &DockerfileContext, keyword: Keyword, name: &str, out: &mut Vec<Finding>) {
    for stage in &ctx.dockerfile.stages {
        let mut previous: Option<Span> = None;
        for &index in &stage.instructions {
            let instruction = &ctx.dockerfile.instructions[index];
            if instruction.keyword != keyword {
                continue;
            }
            if let Some(span) = previous {
                out.push(Finding::new(
                    span,
                    format!(
                        "Multiple {name} instructions should not be used in the same stage because only the last one will be used"
                    ),
                ));
            }
            previous = Some(instruction.span);
        }
    }
}

/// The expanded value of the word written at `span`, if BuildKit expands it.
fn expanded_at<'a>(ctx: &DockerfileContext<'a>, span: Span) -> Option<&'a str> {
    ctx.expansion(span).map(|w| w.value.as_str())
}

/// Whether a stage called `lower` (lower-cased) is defined before
/// instruction `index`.
fn is_earlier_stage(ctx: &DockerfileContext, index: usize, lower: &str) -> bool {
    ctx.stage_named_before(lower, index)
}

/// Names of stages defined before instruction `index`, lower-cased.
fn stages_before<'a>(ctx: &DockerfileContext<'a>, index: usize) -> Vec<&'a str> {
    ctx.dockerfile
        .stages
        .iter()
        .filter(|s| s.from < index)
        .filter_map(|s| s.name.as_deref())
        .collect()
}

/// The FROM instructions with their image word and --platform flag.
fn froms<'a>(
    ctx: &'a DockerfileContext,
) -> impl Iterator<
    Item = (
        &'a crate::dockerfile::Instruction,
        &'a crate::dockerfile::Word,
    ),
> + 'a {
    ctx.dockerfile
        .instructions
        .iter()
        .filter_map(|i| match &i.command {
            Command::From { image, .. } => Some((i, image)),
            _ => None,
        })
}

/// A FROM image's tag and digest, when the image is an external one whose
/// name is known (not `scratch`, not an earlier stage, no unknown variable).
struct Reference {
    tag: Option<String>,
    digest: bool,
}

fn base_reference(
    ctx: &DockerfileContext,
    instruction: &crate::dockerfile::Instruction,
    image: &crate::dockerfile::Word,
) -> Option<Reference> {
    let value = if image.value.contains('$') {
        let expanded = ctx.expansion(image.span)?;
        if !expanded.undefined.is_empty() || expanded.value.is_empty() {
            return None;
        }
        expanded.value.clone()
    } else {
        image.value.clone()
    };
    let lower = value.to_lowercase();
    // The instruction's index, from its address in the list (no scan).
    let base = ctx.dockerfile.instructions.as_ptr() as usize;
    let index = (instruction as *const crate::dockerfile::Instruction as usize)
        .checked_sub(base)?
        / std::mem::size_of::<crate::dockerfile::Instruction>();
    if lower == "scratch" || is_earlier_stage(ctx, index, &lower) {
        return None;
    }
    let (name, digest) = match value.split_once('@') {
        Some((name, _)) => (name, true),
        None => (value.as_str(), false),
    };
    let last_slash = name.rfind('/').map_or(0, |i| i + 1);
    let tag = name[last_slash..]
        .rsplit_once(':')
        .map(|(_, t)| t.to_string());
    Some(Reference { tag, digest })
}

/// Every port spec of every EXPOSE, after expansion (one word may expand to
/// several specs), with the span of the word it came from.
fn expose_specs<'a>(ctx: &DockerfileContext<'a>) -> Vec<(Span, &'a str)> {
    let mut specs = Vec::new();
    for instruction in &ctx.dockerfile.instructions {
        let Command::Expose { ports } = &instruction.command else {
            continue;
        };
        for port in ports {
            let value = expanded_at(ctx, port.span).unwrap_or(&port.value);
            specs.extend(value.split_whitespace().map(|spec| (port.span, spec)));
        }
    }
    specs
}
