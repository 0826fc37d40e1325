//! Every rule, one line each. Adding a rule touches its file, this table and
//! its fixtures.

use super::dockerfile::*;
use super::DockerfileRule;

pub static DOCKERFILE_RULES: &[&DockerfileRule] = &[
    &add_instead_of_copy::RULE,
    &apk_no_cache::RULE,
    &apk_pin::RULE,
    &apt_get_pin::RULE,
    &apt_get_yes::RULE,
    &apt_lists_cleanup::RULE,
    &apt_no_install_recommends::RULE,
    &cd_to_workdir::RULE,
    &chown_after_copy::RULE,
    &consecutive_run::RULE,
    &consistent_instruction_casing::RULE,
    &copy_dest_slash::RULE,
    &copy_from_self::RULE,
    &copy_from_unknown_stage::RULE,
    &copy_relative_dest::RULE,
    &curl_pipe_shell::RULE,
    &dnf_clean::RULE,
    &dnf_pin::RULE,
    &dnf_yes::RULE,
    &duplicate_stage_name::RULE,
    &env_self_reference::RULE,
    &expose_invalid_format::RULE,
    &expose_port_range::RULE,
    &expose_proto_casing::RULE,
    &from_as_casing::RULE,
    &from_platform_flag_const_disallowed::RULE,
    &gem_pin::RULE,
    &go_install_pin::RULE,
    &image_tag::RULE,
    &invalid_default_arg_in_from::RULE,
    &json_args_recommended::RULE,
    &last_user_root::RULE,
    &latest_tag::RULE,
    &legacy_key_value_format::RULE,
    &maintainer_deprecated::RULE,
    &multiple_cmd::RULE,
    &multiple_entrypoint::RULE,
    &multiple_healthcheck::RULE,
    &no_empty_continuation::RULE,
    &no_sudo::RULE,
    &no_upgrade::RULE,
    &npm_cache_in_layer::RULE,
    &npm_only_production::RULE,
    &npm_pin::RULE,
    &pip_no_cache_dir::RULE,
    &pip_pin::RULE,
    &pipefail::RULE,
    &pointless_commands::RULE,
    &redundant_target_platform::RULE,
    &reserved_stage_name::RULE,
    &secrets_used_in_arg_or_env::RULE,
    &stage_name_casing::RULE,
    &trusted_registries::RULE,
    &undefined_arg_in_from::RULE,
    &undefined_var::RULE,
    &use_apt_get::RULE,
    &use_shell_instruction::RULE,
    &useradd_high_uid::RULE,
    &wget_or_curl::RULE,
    &wget_progress::RULE,
    &workdir_relative_path::RULE,
    &yarn_cache_clean::RULE,
    &yum_clean::RULE,
    &yum_pin::RULE,
    &yum_yes::RULE,
    &zypper_clean::RULE,
    &zypper_pin::RULE,
    &zypper_yes::RULE,
];

/// Looks a rule up by its code or any alias.
pub fn find(id: &str) -> Option<&'static DockerfileRule> {
    DOCKERFILE_RULES
        .iter()
        .copied()
        .find(|rule| rule.is_named(id))
}
