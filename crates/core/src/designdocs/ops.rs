//! Writes on design documents: add one, add a version (its file kept as it is), request a
//! review, decide (signed in a team's workspace), comment, reply, resolve. Every write
//! validates first and returns every problem at once, writing nothing when refused; a write
//! loads the document from its Automerge document, changes it and writes it whole, with the
//! file's bytes when there is one, in one durable batch ([`Workspace::update_design_doc`]).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::decisions::{self, action_of, version_hash, REVIEW_CAPABILITY};
use super::files::{self, MAX_VERSION_BYTES};
use super::index::DesignDocIndex;
use super::model::{
    CommentPin, CommentResolution, DesignDoc, DocComment, DocKind, DocLink, DocPerson, DocReview,
    DocVersion, ReviewDecision, ReviewRule, ReviewVerdict, DESIGNDOC_PREFIX,
};
use super::state::{is_reviewer, last_review, version_states, VersionState};
use super::{DesignDocError, DocCode};
use crate::assets::parse_date;
use crate::problem::Problem;
use crate::stamp::{Identity, Stamp};
use crate::store::kv::Batch;
use crate::store::Workspace;
use crate::sync::RosterState;
use crate::text::{check_text, TextRule};
use crate::trust::{Capability, Roster, SignRefusal, Signer};

/// The longest title or tag, in characters.
pub const MAX_DOC_TEXT: usize = 200;

/// The kinds of record a document may link to, when this version knows the kind
/// (compute-pool builds, `build`, are refused until that kind exists).
pub const LINKABLE_KINDS: [&str; 6] = ["site", "room", "rack", "cable", "purchase", "build"];

fn problem(code: DocCode, field: &str, value: impl Into<String>) -> Problem {
    Problem::new(field, code, value)
}

fn refused(code: DocCode, field: &str, value: impl Into<String>) -> DesignDocError {
    DesignDocError::Refused(vec![problem(code, field, value)])
}

fn sign_refusal(refusal: &SignRefusal) -> Problem {
    match refusal {
        SignRefusal::NoRoster => problem(DocCode::NoRoster, "", ""),
        SignRefusal::NotAMember => problem(DocCode::NotAMember, "", ""),
        SignRefusal::KeyNotRegistered => problem(DocCode::KeyNotRegistered, "", ""),
        SignRefusal::KeyRevoked => problem(DocCode::KeyRevoked, "", ""),
        SignRefusal::NotEntitled(capability) => {
            problem(DocCode::NotEntitled, "", capability.code())
        }
    }
}

/// Who acts, from the stamp of their change: the account in a team, else the name.
pub fn person_of(stamp: &Stamp) -> DocPerson {
    let who = match &stamp.by {
        Identity::Account(account) => account.clone(),
        _ => stamp.author.name.clone(),
    };
    DocPerson {
        who,
        name: stamp.author.name.clone(),
    }
}

/// A new document as a form or the CLI gives it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DocInput {
    pub title: String,
    /// A kind's code (`power_cooling`), English or Korean word.
    pub kind: String,
    pub tags: Vec<String>,
    /// Records it describes: `rack/01J…` (or `rack:01J…`).
    pub links: Vec<String>,
}

/// A review as a form or the CLI gives it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReviewInput {
    /// The version's number; none: the current version.
    pub version: Option<u32>,
    /// Members by account id or name (in a workspace with no team: names).
    pub reviewers: Vec<String>,
    /// A capability whose holders review too (`sign_off_designs`), or empty.
    pub capability: String,
    /// `all`, `any_one` or `n_of_m`.
    pub rule: String,
    /// For `n_of_m`: how many must approve.
    pub required: Option<u32>,
    /// `YYYY-MM-DD`, or empty.
    pub due: String,
}

/// A comment or reply as a form or the CLI gives it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CommentInput {
    /// The version's number; none: the current version (a reply: its thread's).
    pub version: Option<u32>,
    pub text: String,
    pub pin: Option<CommentPin>,
    /// The comment replied to (its key).
    pub reply_to: Option<String>,
}

/// What is wrong with a file offered as a version (its name, empty, too large): checked
/// before anything is written, by every path that adds one.
pub fn version_file_problems(file_name: &str, bytes: &[u8]) -> Vec<Problem> {
    let mut reader = Reader {
        problems: Vec::new(),
    };
    let file_name = reader.text("file_name", file_name, true);
    if bytes.is_empty() {
        reader
            .problems
            .push(problem(DocCode::EmptyFile, "file", &file_name));
    } else if bytes.len() > MAX_VERSION_BYTES {
        reader.problems.push(problem(
            DocCode::FileTooLarge,
            "file",
            bytes.len().to_string(),
        ));
    }
    reader.problems
}

impl ReviewRule {
    /// From its code or a word for it.
    pub fn parse(text: &str) -> Option<ReviewRule> {
        match text.trim().to_lowercase().replace('-', "_").as_str() {
            "" | "all" | "전원" => Some(ReviewRule::All),
            "any" | "any_one" | "one" | "1인" => Some(ReviewRule::AnyOne),
            "n_of_m" | "n" => Some(ReviewRule::NOfM),
            _ => None,
        }
    }
}

struct Reader {
    problems: Vec<Problem>,
}

impl Reader {
    fn text(&mut self, field: &str, value: &str, required: bool) -> String {
        let value = value.trim();
        if value.is_empty() {
            if required {
                self.problems.push(problem(DocCode::Required, field, ""));
            }
            return String::new();
        }
        if let Some(p) = check_text(field, value, TextRule::SingleLine) {
            self.problems.push(p);
        } else if value.chars().count() > MAX_DOC_TEXT {
            self.problems.push(problem(DocCode::TooLong, field, value));
        }
        value.to_owned()
    }

    fn long_text(&mut self, field: &str, value: &str, required: bool) -> String {
        let value = value.trim();
        if value.is_empty() && required {
            self.problems.push(problem(DocCode::Required, field, ""));
        }
        if let Some(p) = check_text(field, value, TextRule::MultiLine) {
            self.problems.push(p);
        }
        value.to_owned()
    }

    fn finish(self) -> Result<(), DesignDocError> {
        if self.problems.is_empty() {
            Ok(())
        } else {
            Err(DesignDocError::Refused(self.problems))
        }
    }
}

impl Workspace {
    /// The document with this id (or, when one alone has it, this title).
    pub fn design_doc(&self, key: &str) -> Result<DesignDoc, DesignDocError> {
        let key = key.trim();
        let key = key
            .strip_prefix(&format!("{DESIGNDOC_PREFIX}/"))
            .unwrap_or(key);
        let index = self.indexes().read::<DesignDocIndex>();
        if let Some(doc) = index.docs.get(key) {
            return Ok(doc.clone());
        }
        let named: Vec<&DesignDoc> = index.docs.values().filter(|d| d.title == key).collect();
        match named.as_slice() {
            [doc] => Ok((*doc).clone()),
            _ => Err(DesignDocError::NoSuchDoc(key.to_owned())),
        }
    }

    /// The trusted roster, when this device keeps one that verifies.
    fn design_roster(&self) -> Option<Roster> {
        match self.roster() {
            Ok(RosterState::Verified(roster)) => Some(roster),
            _ => None,
        }
    }

    fn read_links(&self, reader: &mut Reader, links: &[String]) -> Vec<DocLink> {
        let mut found = Vec::new();
        for (n, text) in links.iter().enumerate() {
            let field = format!("links.{n}");
            let text = text.trim();
            let Some((kind, id)) = text.split_once(['/', ':']) else {
                reader
                    .problems
                    .push(problem(DocCode::BadLink, &field, text));
                continue;
            };
            let (kind, id) = (kind.trim().to_lowercase(), id.trim());
            if !LINKABLE_KINDS.contains(&kind.as_str())
                || !self.registry().prefixes().contains(&kind.as_str())
            {
                reader
                    .problems
                    .push(problem(DocCode::UnknownLinkKind, &field, kind));
                continue;
            }
            let record = format!("{kind}/{id}");
            if !self.registry().indexed(self.indexes(), &record) {
                reader
                    .problems
                    .push(problem(DocCode::UnknownRecord, &field, record));
                continue;
            }
            found.push(DocLink {
                title: self.registry().title(self.indexes(), &record),
                kind,
                id: id.to_owned(),
            });
        }
        found
    }

    /// Adds a document (`id` a fresh ULID from the caller), owned by whoever adds it, with no
    /// version yet.
    pub fn add_design_doc(
        &self,
        id: ulid::Ulid,
        input: &DocInput,
        stamp: &Stamp,
    ) -> Result<DesignDoc, DesignDocError> {
        let (title, kind, tags, links) = self.read_doc_input(input)?;
        let doc = DesignDoc {
            id: id.to_string(),
            title,
            kind,
            owner: person_of(stamp),
            tags,
            links: links.into_iter().map(|l| (l.record(), l)).collect(),
            created_at_ms: stamp.at_ms,
            versions: Default::default(),
            reviews: Default::default(),
            decisions: Default::default(),
            comments: Default::default(),
        };
        self.save_one(&doc, stamp, "designdoc-add")?;
        Ok(doc)
    }

    /// Changes what a document is (title, kind, tags, links), as a whole: a field left as
    /// it was is not written, so a link another device added meanwhile stays after the merge.
    /// Refused as adding is, every problem at once; the owner, versions and reviews stay.
    pub fn edit_design_doc(
        &self,
        key: &str,
        input: &DocInput,
        stamp: &Stamp,
    ) -> Result<DesignDoc, DesignDocError> {
        let (title, kind, tags, links) = self.read_doc_input(input)?;
        let (doc, ()) =
            self.update_design_doc(key, stamp, "designdoc-edit", Batch::default(), |doc| {
                doc.title = title;
                doc.kind = kind;
                doc.tags = tags;
                doc.links = links.into_iter().map(|l| (l.record(), l)).collect();
                Ok(())
            })?;
        Ok(doc)
    }

    fn read_doc_input(
        &self,
        input: &DocInput,
    ) -> Result<(String, DocKind, Vec<String>, Vec<DocLink>), DesignDocError> {
        let mut reader = Reader {
            problems: Vec::new(),
        };
        let title = reader.text("title", &input.title, true);
        let kind = match DocKind::parse(&input.kind) {
            Some(kind) => kind,
            None if input.kind.trim().is_empty() => DocKind::Other,
            None => {
                reader
                    .problems
                    .push(problem(DocCode::UnknownKind, "kind", input.kind.trim()));
                DocKind::Other
            }
        };
        let mut tags = Vec::new();
        for (n, tag) in input.tags.iter().enumerate() {
            let tag = reader.text(&format!("tags.{n}"), tag, false);
            if !tag.is_empty() && !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        let links = self.read_links(&mut reader, &input.links);
        reader.finish()?;
        Ok((title, kind, tags, links))
    }

    /// Loads the document from its Automerge document, lets `change` change it, and writes
    /// it whole (with whatever `batch` holds: a version's bytes) in one durable batch; a
    /// refusal writes nothing. The one way a design document changes after it is added.
    pub(crate) fn update_design_doc<T>(
        &self,
        key: &str,
        stamp: &Stamp,
        op: &str,
        batch: Batch,
        change: impl FnOnce(&mut DesignDoc) -> Result<T, DesignDocError>,
    ) -> Result<(DesignDoc, T), DesignDocError> {
        let id = self.design_doc(key)?.id;
        let doc_id = format!("{DESIGNDOC_PREFIX}/{id}");
        let mut cache = self.lock_docs();
        let mut doc: DesignDoc = self
            .load_aggregate(&mut cache, &doc_id)?
            .ok_or_else(|| DesignDocError::NoSuchDoc(key.to_owned()))?;
        let result = change(&mut doc)?;
        let pending = self.stage(&mut cache, &doc, stamp, op)?;
        self.write(&mut cache, vec![pending], batch)?;
        Ok((doc, result))
    }

    /// Adds a version from bytes already in memory (an upload): the file kept exactly as
    /// given, its bytes one blob in the version's batch. Refused when the file is empty, over
    /// [`MAX_VERSION_BYTES`] or unnamed. See [`Workspace::add_design_doc_version_from_path`].
    pub fn add_design_doc_version(
        &self,
        key: &str,
        file_name: &str,
        bytes: &[u8],
        note: &str,
        stamp: &Stamp,
    ) -> Result<(DesignDoc, String), DesignDocError> {
        let mut reader = Reader {
            problems: version_file_problems(file_name, bytes),
        };
        let file_name = file_name.trim().to_owned();
        let note = reader.long_text("note", note, false);
        self.design_doc(key)?;
        reader.finish()?;
        let mut batch = Batch::default();
        let sha256 = files::keep_version_file(self, &mut batch, bytes)?;
        let entry = DocVersion {
            number: 0,
            by: person_of(stamp),
            at_ms: stamp.at_ms,
            size: bytes.len() as u64,
            sha256,
            file: String::new(),
            media_type: files::media_type(&file_name, bytes),
            file_name,
            note,
        };
        self.write_version(key, entry, batch, stamp)
    }

    /// Adds a version from a file on disk, of any size up to 4 GiB, never whole in memory:
    /// read once into parts (each durable), its manifest written with the version in one
    /// batch (`files::stage_version_file`); synced a part at a time. Refused with the reason
    /// when the file cannot be read, is empty or too large; nothing is written then.
    pub fn add_design_doc_version_from_path(
        &self,
        key: &str,
        path: &std::path::Path,
        note: &str,
        stamp: &Stamp,
        progress: &mut dyn FnMut(crate::sync::large_files::LargeFileProgress),
    ) -> Result<(DesignDoc, String), DesignDocError> {
        let mut reader = Reader {
            problems: Vec::new(),
        };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let file_name = reader.text("file_name", &name, true);
        let note = reader.long_text("note", note, false);
        self.design_doc(key)?;
        reader.finish()?;
        let staged = files::stage_version_file(self, path, progress)?;
        let mut batch = Batch::default();
        let manifest = files::put_version_file(self, &mut batch, &staged)?;
        let entry = DocVersion {
            number: 0,
            by: person_of(stamp),
            at_ms: stamp.at_ms,
            size: staged.size(),
            sha256: staged.sha256().to_owned(),
            file: manifest,
            media_type: files::media_type_of_path(path),
            file_name,
            note,
        };
        self.write_version(key, entry, batch, stamp)
    }

    /// Writes a new version (numbered one past the highest here) with `batch` holding its
    /// bytes. A review open on the version before continues on this one (same reviewers,
    /// rule and due date) with no decision carried over. Returns the document and the
    /// version's key.
    fn write_version(
        &self,
        key: &str,
        mut entry: DocVersion,
        batch: Batch,
        stamp: &Stamp,
    ) -> Result<(DesignDoc, String), DesignDocError> {
        let mut keys = ulid::Generator::new();
        let mut next_key = || {
            keys.generate()
                .unwrap_or_else(|_| ulid::Ulid::new())
                .to_string()
        };
        let version_key = next_key();
        let review_key = next_key();
        let (doc, ()) = self.update_design_doc(key, stamp, "designdoc-version", batch, |doc| {
            entry.number = doc.versions.values().map(|v| v.number).max().unwrap_or(0) + 1;
            let open = doc
                .current_version()
                .and_then(|(current, _)| last_review(doc, current))
                .filter(|(_, _, standing)| standing.state.open())
                .map(|(key, review, _)| (key.clone(), review.clone()));
            doc.versions.insert(version_key.clone(), entry);
            if let Some((continues, review)) = open {
                doc.reviews.insert(
                    review_key,
                    DocReview {
                        version: version_key.clone(),
                        by: person_of(stamp),
                        at_ms: stamp.at_ms,
                        continues,
                        ..review
                    },
                );
            }
            Ok(())
        })?;
        Ok((doc, version_key))
    }

    /// The version `number` of `doc` (none: the current one): its key.
    fn version_key(doc: &DesignDoc, number: Option<u32>) -> Result<String, DesignDocError> {
        match number {
            None => doc
                .current_version()
                .map(|(key, _)| key.clone())
                .ok_or_else(|| refused(DocCode::NoVersion, "version", "")),
            Some(number) => doc
                .versions_in_order()
                .into_iter()
                .rev()
                .find(|(_, v)| v.number == number)
                .map(|(key, _)| key.clone())
                .ok_or_else(|| refused(DocCode::UnknownVersion, "version", number.to_string())),
        }
    }

    /// Requests a review of a version (the current one unless named): reviewers named and/or
    /// a capability's holders, a rule and a due date. In a team's workspace every named
    /// reviewer must be a member holding `sign_off_designs` (their decision is signed with
    /// it); refused on an approved, superseded or outdated version, or while a review of it
    /// is open.
    pub fn request_design_review(
        &self,
        key: &str,
        input: &ReviewInput,
        today: &crate::assets::Date,
        stamp: &Stamp,
    ) -> Result<DesignDoc, DesignDocError> {
        let current = self.design_doc(key)?;
        let version_key = Self::version_key(&current, input.version)?;
        let mut problems = Vec::new();
        let states = version_states(&current);
        match states
            .get(&version_key)
            .copied()
            .unwrap_or(VersionState::Draft)
        {
            VersionState::Draft | VersionState::Rejected | VersionState::ChangesRequested => {}
            VersionState::InReview => problems.push(problem(DocCode::ReviewOpen, "version", "")),
            VersionState::Approved => problems.push(problem(DocCode::Locked, "version", "")),
            VersionState::Superseded | VersionState::Outdated => {
                problems.push(self.superseded_problem(&current, &version_key))
            }
        }
        let capability = input.capability.trim();
        if !capability.is_empty()
            && capability.parse::<Capability>().ok() != Some(REVIEW_CAPABILITY)
        {
            problems.push(problem(
                DocCode::UnknownCapability,
                "capability",
                capability,
            ));
        }
        let roster = self.design_roster();
        let mut reviewers: Vec<DocPerson> = Vec::new();
        for (n, name) in input.reviewers.iter().enumerate() {
            let field = format!("reviewers.{n}");
            let name = name.trim();
            if name.is_empty() {
                continue;
            }
            let person = match &roster {
                None => DocPerson {
                    who: name.to_owned(),
                    name: name.to_owned(),
                },
                Some(roster) => {
                    let member = roster
                        .member(name)
                        .or_else(|| roster.members.iter().find(|m| m.name == name));
                    let Some(member) = member else {
                        problems.push(problem(DocCode::ReviewerNotAMember, &field, name));
                        continue;
                    };
                    if !member.entitled(REVIEW_CAPABILITY, stamp.at_ms) {
                        problems.push(problem(DocCode::ReviewerNotEntitled, &field, &member.name));
                    }
                    DocPerson {
                        who: member.user_id.clone(),
                        name: member.name.clone(),
                    }
                }
            };
            if !reviewers.iter().any(|r| r.who == person.who) {
                reviewers.push(person);
            }
        }
        if reviewers.is_empty() && capability.is_empty() {
            problems.push(problem(DocCode::NoReviewers, "reviewers", ""));
        }
        let rule = match ReviewRule::parse(&input.rule) {
            Some(rule) => rule,
            None => {
                problems.push(problem(DocCode::UnknownRule, "rule", input.rule.trim()));
                ReviewRule::All
            }
        };
        let required = match rule {
            ReviewRule::All => reviewers.len() as u32,
            ReviewRule::AnyOne => 1,
            ReviewRule::NOfM => {
                let required = input.required.unwrap_or(0);
                let most = reviewers.len() as u32;
                if required == 0 || (capability.is_empty() && required > most) {
                    problems.push(problem(
                        DocCode::BadRequired,
                        "required",
                        format!("{required}/{most}"),
                    ));
                }
                required
            }
        };
        let due = input.due.trim();
        let due = if due.is_empty() {
            String::new()
        } else {
            match parse_date(due) {
                Some(date) if date.0 < today.0 => {
                    problems.push(problem(DocCode::DueInPast, "due", &date.0));
                    date.0
                }
                Some(date) => date.0,
                None => {
                    problems.push(problem(DocCode::InvalidDate, "due", due));
                    String::new()
                }
            }
        };
        if !problems.is_empty() {
            return Err(DesignDocError::Refused(problems));
        }
        let review_key = ulid::Ulid::new().to_string();
        let capability = if capability.is_empty() {
            String::new()
        } else {
            REVIEW_CAPABILITY.code().to_owned()
        };
        let (doc, ()) =
            self.update_design_doc(key, stamp, "designdoc-review", Batch::default(), |doc| {
                doc.reviews.insert(
                    review_key,
                    DocReview {
                        version: version_key,
                        reviewers,
                        capability,
                        rule,
                        required,
                        due,
                        by: person_of(stamp),
                        at_ms: stamp.at_ms,
                        continues: String::new(),
                    },
                );
                Ok(())
            })?;
        Ok(doc)
    }

    fn superseded_problem(&self, doc: &DesignDoc, version_key: &str) -> Problem {
        let number = doc.versions.get(version_key).map_or(0, |v| v.number);
        let newest = doc.current_version().map_or(0, |(_, v)| v.number);
        let mut p = problem(DocCode::Superseded, "version", number.to_string());
        p.detail.insert("current".into(), newest.to_string());
        p.message = format!(
            "version {number} is superseded by version {newest}: decide on version {newest}"
        );
        p
    }

    /// A reviewer's decision on a version (the current one unless named): approve, reject
    /// (with the reason) or request changes (with what). In a team's workspace it is signed
    /// with this device's key over the version's hash, and refused when the roster does not
    /// let the member make it. Refused on a version that is not the current one (superseded),
    /// one already approved (locked) or rejected, with no open review, or by someone the
    /// review does not name.
    pub fn decide_design_review(
        &self,
        key: &str,
        version: Option<u32>,
        verdict: ReviewVerdict,
        comment: &str,
        stamp: &Stamp,
        signer: Option<&Signer>,
    ) -> Result<DesignDoc, DesignDocError> {
        let current = self.design_doc(key)?;
        let version_key = Self::version_key(&current, version)?;
        let current_key = Self::version_key(&current, None)?;
        if version_key != current_key {
            return Err(DesignDocError::Refused(vec![
                self.superseded_problem(&current, &version_key)
            ]));
        }
        let Some((review_key, review, standing)) = last_review(&current, &version_key) else {
            return Err(refused(DocCode::NoReview, "version", ""));
        };
        match standing.state {
            VersionState::Approved => return Err(refused(DocCode::Locked, "version", "")),
            VersionState::Rejected => return Err(refused(DocCode::ReviewClosed, "version", "")),
            _ => {}
        }
        let me = person_of(stamp);
        if !is_reviewer(review, &me.who) {
            let names: Vec<&str> = review.reviewers.iter().map(|r| r.name.as_str()).collect();
            return Err(refused(DocCode::NotAReviewer, "", names.join(", ")));
        }
        let mut reader = Reader {
            problems: Vec::new(),
        };
        let comment = reader.long_text("comment", comment, verdict != ReviewVerdict::Approve);
        let version_entry = &current.versions[&version_key];
        let doc_id = current.doc_id();
        let hash = version_hash(&doc_id, version_entry.number, &version_entry.sha256);
        let action = action_of(verdict);
        let signed = match signer {
            None if self.keeps_roster() => {
                reader
                    .problems
                    .push(problem(DocCode::SignatureRequired, "", ""));
                None
            }
            None => None,
            Some(signer) => {
                match signer.decide(&doc_id, action, REVIEW_CAPABILITY, hash, stamp.at_ms) {
                    Ok(signed) => Some(decisions::encode(&signed)),
                    Err(refusal) => {
                        reader.problems.push(sign_refusal(&refusal));
                        None
                    }
                }
            }
        };
        reader.finish()?;
        let decision_key = ulid::Ulid::new().to_string();
        let review_key = review_key.clone();
        let op = format!("designdoc-{}", verdict.code());
        let (doc, ()) = self.update_design_doc(key, stamp, &op, Batch::default(), |doc| {
            doc.decisions.insert(
                decision_key,
                ReviewDecision {
                    review: review_key,
                    version: version_key,
                    verdict,
                    by: me,
                    comment,
                    at_ms: stamp.at_ms,
                    content: hex::encode(hash),
                    signed,
                },
            );
            Ok(())
        })?;
        Ok(doc)
    }

    /// A comment on a version (the current one unless named), general or pinned to a spot
    /// of a page (PDF and images only), or a reply to a comment (on its thread's version).
    /// Returns the document and the comment's key.
    pub fn comment_design_doc(
        &self,
        key: &str,
        input: &CommentInput,
        stamp: &Stamp,
    ) -> Result<(DesignDoc, String), DesignDocError> {
        let current = self.design_doc(key)?;
        let mut reader = Reader {
            problems: Vec::new(),
        };
        let text = reader.long_text("text", &input.text, true);
        let (version_key, reply_to) = match input.reply_to.as_deref().map(str::trim) {
            Some(to) => {
                let Some(target) = current.comments.get(to) else {
                    return Err(refused(DocCode::UnknownComment, "reply_to", to));
                };
                // A reply joins its thread: on the thread's first comment.
                let root = target.reply_to.clone().unwrap_or_else(|| to.to_owned());
                let version = current
                    .comments
                    .get(&root)
                    .map_or(target.version.clone(), |c| c.version.clone());
                (version, Some(root))
            }
            None => (Self::version_key(&current, input.version)?, None),
        };
        if let Some(pin) = input.pin {
            let media_type = current
                .versions
                .get(&version_key)
                .map_or("", |v| v.media_type.as_str());
            if reply_to.is_some() || !files::pinnable(media_type) {
                reader
                    .problems
                    .push(problem(DocCode::PinNotSupported, "pin", media_type));
            } else if pin.page == 0
                || (files::is_image(media_type) && pin.page != 1)
                || !(0.0..=1.0).contains(&pin.x)
                || !(0.0..=1.0).contains(&pin.y)
            {
                reader.problems.push(problem(
                    DocCode::PinOutOfRange,
                    "pin",
                    format!("{} {} {}", pin.page, pin.x, pin.y),
                ));
            }
        }
        reader.finish()?;
        let comment_key = ulid::Ulid::new().to_string();
        let (doc, ()) =
            self.update_design_doc(key, stamp, "designdoc-comment", Batch::default(), |doc| {
                doc.comments.insert(
                    comment_key.clone(),
                    DocComment {
                        version: version_key,
                        by: person_of(stamp),
                        at_ms: stamp.at_ms,
                        text,
                        pin: input.pin,
                        reply_to,
                        resolved: None,
                    },
                );
                Ok(())
            })?;
        Ok((doc, comment_key))
    }

    /// Resolves a comment's thread (or opens it again): set on the thread's first comment.
    pub fn resolve_design_comment(
        &self,
        key: &str,
        comment: &str,
        resolved: bool,
        stamp: &Stamp,
    ) -> Result<DesignDoc, DesignDocError> {
        let comment = comment.trim().to_owned();
        let (doc, ()) =
            self.update_design_doc(key, stamp, "designdoc-resolve", Batch::default(), |doc| {
                let root = match doc.comments.get(&comment) {
                    None => return Err(refused(DocCode::UnknownComment, "comment", &comment)),
                    Some(c) => c.reply_to.clone().unwrap_or_else(|| comment.clone()),
                };
                if let Some(thread) = doc.comments.get_mut(&root) {
                    thread.resolved = resolved.then(|| CommentResolution {
                        by: person_of(stamp),
                        at_ms: stamp.at_ms,
                    });
                }
                Ok(())
            })?;
        Ok(doc)
    }

    /// A version's entry (the current one unless named), refused as `version` when the
    /// document has no such version.
    pub fn design_doc_version(
        &self,
        key: &str,
        version: Option<u32>,
    ) -> Result<DocVersion, DesignDocError> {
        let doc = self.design_doc(key)?;
        let version_key = Self::version_key(&doc, version)?;
        Ok(doc.versions[&version_key].clone())
    }

    /// A version's file (the current one unless named): its entry and its bytes, or
    /// `file_not_here` while its bytes have not reached this device yet.
    pub fn design_doc_file(
        &self,
        key: &str,
        version: Option<u32>,
    ) -> Result<(DocVersion, Vec<u8>), DesignDocError> {
        let entry = self.design_doc_version(key, version)?;
        match files::version_bytes(self, &entry)? {
            Some(bytes) => Ok((entry, bytes)),
            None => Err(refused(DocCode::FileNotHere, "file", &entry.sha256)),
        }
    }

    /// Saves a version's file (the current one unless named) to `out`, as this device holds
    /// it; returns the version and the bytes written.
    pub fn save_design_doc_file(
        &self,
        key: &str,
        version: Option<u32>,
        out: &std::path::Path,
        progress: &mut dyn FnMut(crate::sync::large_files::LargeFileProgress),
    ) -> Result<(DocVersion, u64), DesignDocError> {
        let entry = self.design_doc_version(key, version)?;
        let size = files::save_version_file(self, &entry, out, progress)?;
        Ok((entry, size))
    }

    /// Every document's list row, newest activity first.
    pub fn design_doc_rows(&self) -> Vec<super::DocRow> {
        let index = self.indexes().read::<DesignDocIndex>();
        let mut rows: Vec<super::DocRow> = index.rows.values().cloned().collect();
        rows.sort_by(|a, b| {
            b.updated_at_ms
                .cmp(&a.updated_at_ms)
                .then_with(|| a.id.cmp(&b.id))
        });
        rows
    }

    /// Whether `who` is asked to decide in the open review `review_key` of `doc`: named and
    /// not decided yet, or, for a review by a capability, holding it at `at_ms` by the roster
    /// this device keeps (verified; in a workspace with no team, any member) and not decided
    /// yet. What "waiting for me" lists.
    pub fn design_doc_waits_for(
        &self,
        doc: &DesignDoc,
        review_key: &str,
        who: &str,
        at_ms: i64,
    ) -> bool {
        if !super::views::waits_for(doc, review_key, who) {
            return false;
        }
        let Some(review) = doc.reviews.get(review_key) else {
            return false;
        };
        if review.capability.is_empty() || review.reviewers.iter().any(|r| r.who == who) {
            return true;
        }
        let Some(capability) = crate::trust::Capability::ALL
            .into_iter()
            .find(|c| c.code() == review.capability)
        else {
            return false;
        };
        match self.roster() {
            Ok(crate::sync::RosterState::Verified(roster)) => roster
                .member(who)
                .is_some_and(|member| member.entitled(capability, at_ms)),
            Ok(crate::sync::RosterState::None) => true,
            _ => false,
        }
    }

    /// The documents linked to a record (`rack/01J…`, `room/01J…`): what a rack's or a
    /// room's screen lists. Titles in order.
    pub fn design_docs_linked_to(&self, record: &str) -> Vec<super::DocRow> {
        let index = self.indexes().read::<DesignDocIndex>();
        let mut rows: Vec<super::DocRow> = index
            .by_link
            .get(record.trim())
            .into_iter()
            .flatten()
            .filter_map(|id| index.rows.get(id).cloned())
            .collect();
        rows.sort_by(|a, b| a.title.cmp(&b.title).then_with(|| a.id.cmp(&b.id)));
        rows
    }

    /// The whole view of a document.
    pub fn design_doc_view(&self, key: &str) -> Result<super::DocView, DesignDocError> {
        Ok(super::views::doc_view(&self.design_doc(key)?))
    }
}
