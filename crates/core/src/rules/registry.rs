//! Every rule, one line each. Adding a rule touches its file, this table and
//! its fixtures.

use super::compose;
use super::dockerfile::*;
use super::{ComposeRule, DockerfileRule, RuleMeta};

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
    &copy_context_unfiltered::RULE,
    &copy_dest_slash::RULE,
    &copy_from_self::RULE,
    &copy_from_unknown_stage::RULE,
    &copy_ignored_file::RULE,
    &copy_relative_dest::RULE,
    &copy_then_extract::RULE,
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
    &healthcheck_missing::RULE,
    &image_tag::RULE,
    &invalid_default_arg_in_from::RULE,
    &invalid_definition_description::RULE,
    &json_args_recommended::RULE,
    &label_email::RULE,
    &label_empty::RULE,
    &label_git_hash::RULE,
    &label_key_invalid::RULE,
    &label_missing::RULE,
    &label_rfc3339::RULE,
    &label_semver::RULE,
    &label_spdx::RULE,
    &label_superfluous::RULE,
    &label_url::RULE,
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

pub static COMPOSE_RULES: &[&ComposeRule] = &[
    &compose::build_context_not_found::RULE,
    &compose::build_target_not_found::RULE,
    &compose::healthy_dependency_without_healthcheck::RULE,
    &compose::no_build_and_image::RULE,
    &compose::no_duplicate_container_names::RULE,
    &compose::no_duplicate_exported_ports::RULE,
    &compose::no_quotes_in_volumes::RULE,
    &compose::no_unbound_port_interfaces::RULE,
    &compose::no_version_field::RULE,
    &compose::node_modules_hidden_by_bind_mount::RULE,
    &compose::published_database_port::RULE,
    &compose::published_port_not_exposed::RULE,
    &compose::require_project_name_field::RULE,
    &compose::require_quotes_in_ports::RULE,
    &compose::secret_in_environment::RULE,
    &compose::service_container_name_regex::RULE,
    &compose::service_dependencies_alphabetical_order::RULE,
    &compose::service_image_require_explicit_tag::RULE,
    &compose::service_keys_order::RULE,
    &compose::service_ports_alphabetical_order::RULE,
    &compose::services_alphabetical_order::RULE,
    &compose::top_level_properties_order::RULE,
];

/// Every rule's identity and docs, Dockerfile rules first.
pub fn all() -> impl Iterator<Item = &'static RuleMeta> {
    DOCKERFILE_RULES
        .iter()
        .map(|r| &r.meta)
        .chain(COMPOSE_RULES.iter().map(|r| &r.meta))
}

/// Looks any rule up by its code or an alias.
pub fn find_meta(id: &str) -> Option<&'static RuleMeta> {
    all().find(|meta| meta.is_named(id))
}
