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
    &healthcheck_probe_missing::RULE,
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
    &numeric_user::RULE,
    &latest_tag::RULE,
    &legacy_key_value_format::RULE,
    &maintainer_deprecated::RULE,
    &multiple_cmd::RULE,
    &multiple_entrypoint::RULE,
    &multiple_healthcheck::RULE,
    &no_empty_continuation::RULE,
    &no_sudo::RULE,
    &dist_upgrade::RULE,
    &onbuild_trigger_invalid::RULE,
    &instruction_order::RULE,
    &copy_root_filesystem::RULE,
    &inline_ignore_pragma::RULE,
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
    &shell_deprecated_egrep::RULE,
    &shell_echo_escapes::RULE,
    &shell_find_without_path::RULE,
    &shell_local_in_sh::RULE,
    &shell_loop_runs_once::RULE,
    &shell_masked_return::RULE,
    &shell_single_quoted_expansion::RULE,
    &shell_source_in_sh::RULE,
    &shell_syntax_function_parameters::RULE,
    &shell_syntax_invalid_parenthesis::RULE,
    &shell_syntax_literal_escape::RULE,
    &shell_syntax_regular_escape::RULE,
    &shell_syntax_stopped_at_parenthesis::RULE,
    &shell_syntax_unparsable::RULE,
    &shell_unchecked_cd::RULE,
    &shell_unquoted_substitution::RULE,
    &shell_unquoted_variable::RULE,
    &shell_useless_bang::RULE,
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

/// Each rule's Markdown documentation (What it does, Why is this bad?,
/// Example, Use instead, References), by code. A separate table from the
/// rules, so that a host that only lints (the page's first load) does not
/// carry the text.
pub static DOCS: &[(&str, &str)] = &[
    (
        add_instead_of_copy::RULE.meta.code,
        add_instead_of_copy::DOCS,
    ),
    (apk_no_cache::RULE.meta.code, apk_no_cache::DOCS),
    (apk_pin::RULE.meta.code, apk_pin::DOCS),
    (apt_get_pin::RULE.meta.code, apt_get_pin::DOCS),
    (apt_get_yes::RULE.meta.code, apt_get_yes::DOCS),
    (apt_lists_cleanup::RULE.meta.code, apt_lists_cleanup::DOCS),
    (
        apt_no_install_recommends::RULE.meta.code,
        apt_no_install_recommends::DOCS,
    ),
    (cd_to_workdir::RULE.meta.code, cd_to_workdir::DOCS),
    (chown_after_copy::RULE.meta.code, chown_after_copy::DOCS),
    (consecutive_run::RULE.meta.code, consecutive_run::DOCS),
    (
        consistent_instruction_casing::RULE.meta.code,
        consistent_instruction_casing::DOCS,
    ),
    (
        copy_context_unfiltered::RULE.meta.code,
        copy_context_unfiltered::DOCS,
    ),
    (copy_dest_slash::RULE.meta.code, copy_dest_slash::DOCS),
    (copy_from_self::RULE.meta.code, copy_from_self::DOCS),
    (
        copy_from_unknown_stage::RULE.meta.code,
        copy_from_unknown_stage::DOCS,
    ),
    (copy_ignored_file::RULE.meta.code, copy_ignored_file::DOCS),
    (copy_relative_dest::RULE.meta.code, copy_relative_dest::DOCS),
    (copy_then_extract::RULE.meta.code, copy_then_extract::DOCS),
    (curl_pipe_shell::RULE.meta.code, curl_pipe_shell::DOCS),
    (dnf_clean::RULE.meta.code, dnf_clean::DOCS),
    (dnf_pin::RULE.meta.code, dnf_pin::DOCS),
    (dnf_yes::RULE.meta.code, dnf_yes::DOCS),
    (
        duplicate_stage_name::RULE.meta.code,
        duplicate_stage_name::DOCS,
    ),
    (env_self_reference::RULE.meta.code, env_self_reference::DOCS),
    (
        expose_invalid_format::RULE.meta.code,
        expose_invalid_format::DOCS,
    ),
    (expose_port_range::RULE.meta.code, expose_port_range::DOCS),
    (
        expose_proto_casing::RULE.meta.code,
        expose_proto_casing::DOCS,
    ),
    (from_as_casing::RULE.meta.code, from_as_casing::DOCS),
    (
        from_platform_flag_const_disallowed::RULE.meta.code,
        from_platform_flag_const_disallowed::DOCS,
    ),
    (gem_pin::RULE.meta.code, gem_pin::DOCS),
    (go_install_pin::RULE.meta.code, go_install_pin::DOCS),
    (
        healthcheck_missing::RULE.meta.code,
        healthcheck_missing::DOCS,
    ),
    (
        healthcheck_probe_missing::RULE.meta.code,
        healthcheck_probe_missing::DOCS,
    ),
    (image_tag::RULE.meta.code, image_tag::DOCS),
    (
        invalid_default_arg_in_from::RULE.meta.code,
        invalid_default_arg_in_from::DOCS,
    ),
    (
        invalid_definition_description::RULE.meta.code,
        invalid_definition_description::DOCS,
    ),
    (
        json_args_recommended::RULE.meta.code,
        json_args_recommended::DOCS,
    ),
    (label_email::RULE.meta.code, label_email::DOCS),
    (label_empty::RULE.meta.code, label_empty::DOCS),
    (label_git_hash::RULE.meta.code, label_git_hash::DOCS),
    (label_key_invalid::RULE.meta.code, label_key_invalid::DOCS),
    (label_missing::RULE.meta.code, label_missing::DOCS),
    (label_rfc3339::RULE.meta.code, label_rfc3339::DOCS),
    (label_semver::RULE.meta.code, label_semver::DOCS),
    (label_spdx::RULE.meta.code, label_spdx::DOCS),
    (label_superfluous::RULE.meta.code, label_superfluous::DOCS),
    (label_url::RULE.meta.code, label_url::DOCS),
    (last_user_root::RULE.meta.code, last_user_root::DOCS),
    (numeric_user::RULE.meta.code, numeric_user::DOCS),
    (latest_tag::RULE.meta.code, latest_tag::DOCS),
    (
        legacy_key_value_format::RULE.meta.code,
        legacy_key_value_format::DOCS,
    ),
    (
        maintainer_deprecated::RULE.meta.code,
        maintainer_deprecated::DOCS,
    ),
    (multiple_cmd::RULE.meta.code, multiple_cmd::DOCS),
    (
        multiple_entrypoint::RULE.meta.code,
        multiple_entrypoint::DOCS,
    ),
    (
        multiple_healthcheck::RULE.meta.code,
        multiple_healthcheck::DOCS,
    ),
    (
        no_empty_continuation::RULE.meta.code,
        no_empty_continuation::DOCS,
    ),
    (no_sudo::RULE.meta.code, no_sudo::DOCS),
    (dist_upgrade::RULE.meta.code, dist_upgrade::DOCS),
    (
        onbuild_trigger_invalid::RULE.meta.code,
        onbuild_trigger_invalid::DOCS,
    ),
    (instruction_order::RULE.meta.code, instruction_order::DOCS),
    (
        copy_root_filesystem::RULE.meta.code,
        copy_root_filesystem::DOCS,
    ),
    (
        inline_ignore_pragma::RULE.meta.code,
        inline_ignore_pragma::DOCS,
    ),
    (no_upgrade::RULE.meta.code, no_upgrade::DOCS),
    (npm_cache_in_layer::RULE.meta.code, npm_cache_in_layer::DOCS),
    (
        npm_only_production::RULE.meta.code,
        npm_only_production::DOCS,
    ),
    (npm_pin::RULE.meta.code, npm_pin::DOCS),
    (pip_no_cache_dir::RULE.meta.code, pip_no_cache_dir::DOCS),
    (pip_pin::RULE.meta.code, pip_pin::DOCS),
    (pipefail::RULE.meta.code, pipefail::DOCS),
    (pointless_commands::RULE.meta.code, pointless_commands::DOCS),
    (
        redundant_target_platform::RULE.meta.code,
        redundant_target_platform::DOCS,
    ),
    (
        reserved_stage_name::RULE.meta.code,
        reserved_stage_name::DOCS,
    ),
    (
        secrets_used_in_arg_or_env::RULE.meta.code,
        secrets_used_in_arg_or_env::DOCS,
    ),
    (
        shell_unquoted_variable::RULE.meta.code,
        shell_unquoted_variable::DOCS,
    ),
    (
        shell_deprecated_egrep::RULE.meta.code,
        shell_deprecated_egrep::DOCS,
    ),
    (
        shell_find_without_path::RULE.meta.code,
        shell_find_without_path::DOCS,
    ),
    (shell_local_in_sh::RULE.meta.code, shell_local_in_sh::DOCS),
    (shell_echo_escapes::RULE.meta.code, shell_echo_escapes::DOCS),
    (
        shell_loop_runs_once::RULE.meta.code,
        shell_loop_runs_once::DOCS,
    ),
    (
        shell_masked_return::RULE.meta.code,
        shell_masked_return::DOCS,
    ),
    (
        shell_single_quoted_expansion::RULE.meta.code,
        shell_single_quoted_expansion::DOCS,
    ),
    (shell_source_in_sh::RULE.meta.code, shell_source_in_sh::DOCS),
    (
        shell_syntax_function_parameters::RULE.meta.code,
        shell_syntax_function_parameters::DOCS,
    ),
    (
        shell_syntax_invalid_parenthesis::RULE.meta.code,
        shell_syntax_invalid_parenthesis::DOCS,
    ),
    (
        shell_syntax_literal_escape::RULE.meta.code,
        shell_syntax_literal_escape::DOCS,
    ),
    (
        shell_syntax_regular_escape::RULE.meta.code,
        shell_syntax_regular_escape::DOCS,
    ),
    (
        shell_syntax_stopped_at_parenthesis::RULE.meta.code,
        shell_syntax_stopped_at_parenthesis::DOCS,
    ),
    (
        shell_syntax_unparsable::RULE.meta.code,
        shell_syntax_unparsable::DOCS,
    ),
    (shell_unchecked_cd::RULE.meta.code, shell_unchecked_cd::DOCS),
    (
        shell_unquoted_substitution::RULE.meta.code,
        shell_unquoted_substitution::DOCS,
    ),
    (shell_useless_bang::RULE.meta.code, shell_useless_bang::DOCS),
    (stage_name_casing::RULE.meta.code, stage_name_casing::DOCS),
    (trusted_registries::RULE.meta.code, trusted_registries::DOCS),
    (
        undefined_arg_in_from::RULE.meta.code,
        undefined_arg_in_from::DOCS,
    ),
    (undefined_var::RULE.meta.code, undefined_var::DOCS),
    (use_apt_get::RULE.meta.code, use_apt_get::DOCS),
    (
        use_shell_instruction::RULE.meta.code,
        use_shell_instruction::DOCS,
    ),
    (useradd_high_uid::RULE.meta.code, useradd_high_uid::DOCS),
    (wget_or_curl::RULE.meta.code, wget_or_curl::DOCS),
    (wget_progress::RULE.meta.code, wget_progress::DOCS),
    (
        workdir_relative_path::RULE.meta.code,
        workdir_relative_path::DOCS,
    ),
    (yarn_cache_clean::RULE.meta.code, yarn_cache_clean::DOCS),
    (yum_clean::RULE.meta.code, yum_clean::DOCS),
    (yum_pin::RULE.meta.code, yum_pin::DOCS),
    (yum_yes::RULE.meta.code, yum_yes::DOCS),
    (zypper_clean::RULE.meta.code, zypper_clean::DOCS),
    (zypper_pin::RULE.meta.code, zypper_pin::DOCS),
    (zypper_yes::RULE.meta.code, zypper_yes::DOCS),
    (
        compose::build_context_not_found::RULE.meta.code,
        compose::build_context_not_found::DOCS,
    ),
    (
        compose::build_target_not_found::RULE.meta.code,
        compose::build_target_not_found::DOCS,
    ),
    (
        compose::healthy_dependency_without_healthcheck::RULE
            .meta
            .code,
        compose::healthy_dependency_without_healthcheck::DOCS,
    ),
    (
        compose::no_build_and_image::RULE.meta.code,
        compose::no_build_and_image::DOCS,
    ),
    (
        compose::no_duplicate_container_names::RULE.meta.code,
        compose::no_duplicate_container_names::DOCS,
    ),
    (
        compose::no_duplicate_exported_ports::RULE.meta.code,
        compose::no_duplicate_exported_ports::DOCS,
    ),
    (
        compose::no_quotes_in_volumes::RULE.meta.code,
        compose::no_quotes_in_volumes::DOCS,
    ),
    (
        compose::no_unbound_port_interfaces::RULE.meta.code,
        compose::no_unbound_port_interfaces::DOCS,
    ),
    (
        compose::no_version_field::RULE.meta.code,
        compose::no_version_field::DOCS,
    ),
    (
        compose::node_modules_hidden_by_bind_mount::RULE.meta.code,
        compose::node_modules_hidden_by_bind_mount::DOCS,
    ),
    (
        compose::published_database_port::RULE.meta.code,
        compose::published_database_port::DOCS,
    ),
    (
        compose::published_port_not_exposed::RULE.meta.code,
        compose::published_port_not_exposed::DOCS,
    ),
    (
        compose::require_project_name_field::RULE.meta.code,
        compose::require_project_name_field::DOCS,
    ),
    (
        compose::require_quotes_in_ports::RULE.meta.code,
        compose::require_quotes_in_ports::DOCS,
    ),
    (
        compose::secret_in_environment::RULE.meta.code,
        compose::secret_in_environment::DOCS,
    ),
    (
        compose::service_container_name_regex::RULE.meta.code,
        compose::service_container_name_regex::DOCS,
    ),
    (
        compose::service_dependencies_alphabetical_order::RULE
            .meta
            .code,
        compose::service_dependencies_alphabetical_order::DOCS,
    ),
    (
        compose::service_image_require_explicit_tag::RULE.meta.code,
        compose::service_image_require_explicit_tag::DOCS,
    ),
    (
        compose::service_keys_order::RULE.meta.code,
        compose::service_keys_order::DOCS,
    ),
    (
        compose::service_ports_alphabetical_order::RULE.meta.code,
        compose::service_ports_alphabetical_order::DOCS,
    ),
    (
        compose::services_alphabetical_order::RULE.meta.code,
        compose::services_alphabetical_order::DOCS,
    ),
    (
        compose::top_level_properties_order::RULE.meta.code,
        compose::top_level_properties_order::DOCS,
    ),
];

/// The documentation of the rule with this code or alias.
pub fn docs(id: &str) -> Option<&'static str> {
    let code = find_meta(id)?.code;
    DOCS.iter().find(|(c, _)| *c == code).map(|(_, docs)| *docs)
}
