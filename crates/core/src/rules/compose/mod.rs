//! Compose rules, one per file. The registry lists them.

pub mod build_context_not_found;
pub mod build_target_not_found;
pub mod healthy_dependency_without_healthcheck;
pub mod no_build_and_image;
pub mod no_duplicate_container_names;
pub mod no_duplicate_exported_ports;
pub mod no_quotes_in_volumes;
pub mod no_unbound_port_interfaces;
pub mod no_version_field;
pub mod node_modules_hidden_by_bind_mount;
mod ports;
pub mod published_database_port;
pub mod published_port_not_exposed;
pub mod require_project_name_field;
pub mod require_quotes_in_ports;
pub mod secret_in_environment;
pub mod service_container_name_regex;
pub mod service_dependencies_alphabetical_order;
pub mod service_image_require_explicit_tag;
pub mod service_keys_order;
pub mod service_ports_alphabetical_order;
pub mod services_alphabetical_order;
pub mod top_level_properties_order;

use crate::yaml::{Node, ScalarKind};

/// Whether a service runs with the active profiles. Checks that compare
/// services compare only those that run together.
fn runs(ctx: &crate::rules::ComposeContext, service: &Node) -> bool {
    crate::compose::service_runs(service, &ctx.settings.profiles)
}

/// A scalar's text unless interpolation (`$VAR`) decides it.
fn literal(node: &Node) -> Option<&str> {
    let scalar = node.scalar()?;
    if scalar.kind == ScalarKind::Null || crate::compose::values::has_variables(&scalar.text) {
        return None;
    }
    Some(scalar.text.as_str())
}

/// Keys of a mapping and items of a list (depends_on, networks, … take both).
fn names_of(node: &Node) -> Vec<&Node> {
    node.items()
        .iter()
        .chain(node.entries().iter().map(|e| &e.key))
        .collect()
}
