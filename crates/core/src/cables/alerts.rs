//! The cables area's alert source: cables whose last test failed (re-terminate or replace,
//! then test again).

use crate::alerts::Alert;
use crate::store::Workspace;

pub(crate) fn source(workspace: &Workspace, _today: &str) -> Vec<Alert> {
    workspace
        .failed_cables()
        .into_iter()
        .map(|cable| {
            let last = cable.tests.last();
            let at_ms = last.map_or(0, |test| test.at_ms);
            let key = format!("cable-failed/{}/{at_ms}", cable.id);
            let mut alert = Alert::new(
                "cables",
                "test_failed",
                format!("cable/{}", cable.id),
                cable.label.clone(),
                key,
            );
            alert.subject = last.map(|test| test.tester.clone()).unwrap_or_default();
            alert.values.insert("at_ms".into(), at_ms.to_string());
            alert
        })
        .collect()
}
