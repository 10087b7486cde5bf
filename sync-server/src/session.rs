//! Who is asking: the bearer token's user, and their role in the workspace a route names.
//! Also the two pieces of plumbing every handler uses: the clock and `spawn_blocking`.

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use hyper::header::HeaderMap;
use hyper::StatusCode;

use cloudwright_core::WorkspaceId;

use crate::auth::{Rejection, Role, TokenRecord};
use crate::error::ApiError;
use crate::request::bearer_token;
use crate::state::AppState;

pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|elapsed| i64::try_from(elapsed.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// The live token of the request, or 401 (`unauthenticated` or `token_expired`). Its
/// `user_id` is the account's stable id.
pub fn authenticate(state: &AppState, headers: &HeaderMap) -> Result<TokenRecord, ApiError> {
    let token = bearer_token(headers).ok_or(Rejection::Unauthenticated)?;
    Ok(state.auth.authenticate(token, now_ms())?)
}

/// The requester as a member of the workspace `workspace` names.
pub struct Member {
    /// The login name.
    pub user: String,
    /// The account's stable id.
    pub user_id: String,
    pub workspace: WorkspaceId,
    pub role: Role,
}

/// 401 without a live token, 404 `unknown_workspace` for an id no workspace has, 403
/// `forbidden` for a workspace the user is not a member of.
pub fn member(state: &AppState, headers: &HeaderMap, workspace: &str) -> Result<Member, ApiError> {
    let token = authenticate(state, headers)?;
    let unknown = || {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "unknown_workspace",
            "no workspace on this server has that id",
        )
    };
    let id: WorkspaceId = workspace.parse().map_err(|_| unknown())?;
    if !state.store.workspaces()?.iter().any(|meta| meta.id == id) {
        return Err(unknown());
    }
    let role = state
        .auth
        .role(&token.user, &id)?
        .ok_or_else(ApiError::forbidden)?;
    Ok(Member {
        user: token.user,
        user_id: token.user_id,
        workspace: id,
        role,
    })
}

/// Runs store, hub and password work off the async threads. A panic in `work` becomes a
/// 500 answer; the server keeps serving.
pub async fn blocking<S, T, F>(state: Arc<S>, work: F) -> Result<T, ApiError>
where
    S: Send + Sync + 'static,
    T: Send + 'static,
    F: FnOnce(&S) -> Result<T, ApiError> + Send + 'static,
{
    match tokio::task::spawn_blocking(move || work(&state)).await {
        Ok(result) => result,
        Err(error) => Err(ApiError::internal(
            "a request's blocking work failed",
            &error,
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_panic_in_blocking_work_is_a_500_answer() {
        let state = Arc::new(41);
        let answer: Result<i32, ApiError> = blocking(state.clone(), |_| panic!("boom")).await;
        let error = answer
            .err()
            .map(|error| (error.status.as_u16(), error.code));
        assert_eq!(error, Some((500, "internal")));
        // The pool is still there for the next request.
        let answer = blocking(state, |n| Ok(n + 1)).await;
        assert_eq!(answer.ok(), Some(42));
    }
}
