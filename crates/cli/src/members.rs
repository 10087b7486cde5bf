//! `cloudwright members`: the roster this device keeps for the workspace (members, roles,
//! capabilities with their limits, keys with revoked ones marked), checked against the server
//! key pinned at login every time it is read.

use cloudwright_core::sync::RosterState;
use cloudwright_core::trust::roster_text;

use crate::context::{now_ms, Context};

pub fn members(context: &Context, json: bool) -> anyhow::Result<()> {
    let workspace = context.workspace()?;
    let name = &workspace.meta().name;
    match workspace.roster()? {
        RosterState::None => println!(
            "'{name}' has no roster yet: log in to its team server and run `cloudwright sync`"
        ),
        RosterState::Tampered => anyhow::bail!(
            "the roster kept for '{name}' was tampered with: its signature does not match the \
             server key pinned at login, so it is not trusted. Run `cloudwright sync` to fetch \
             the server's again"
        ),
        RosterState::Verified(roster) if json => {
            println!("{}", serde_json::to_string_pretty(&roster)?)
        }
        RosterState::Verified(roster) => println!("{}", roster_text(&roster, now_ms())),
    }
    Ok(())
}
