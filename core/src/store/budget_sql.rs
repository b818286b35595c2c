//! The SQL of `BudgetTx`, shared by both backends (see `sql.rs` for why it is one text).

/// Implements `BudgetTx` for a transaction type made by `impl_sql_store!`; `$row_lock` is
/// what the database needs to hold a row (`FOR UPDATE`, or nothing on SQLite), `$share_lock`
/// what holds a round (`r`) against changes but not against other votes (`FOR SHARE OF r`).
/// An empty `$row_lock` means SQLite's single writer: nothing needs holding, a read needs no
/// second look after a lock, and one query may run several statements.
macro_rules! impl_budget_sql {
    ($tx:ident, $row_lock:expr, $share_lock:expr) => {
        #[async_trait::async_trait]
        impl $crate::store::BudgetTx for $tx {
            async fn insert_round(
                &mut self,
                round: &$crate::domain::Round,
            ) -> $crate::store::Result<$crate::domain::RoundId> {
                let settings = serde_json::to_string(&round.settings)
                    .map_err(|e| $crate::store::StoreError::Corrupt(e.to_string()))?;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO budget_rounds (title, base_cents, deadline, meeting_id, state, \
                     settings, visibility, lang, created_by, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
                )
                .bind(&round.title)
                .bind(round.base.cents())
                .bind(round.deadline.format("%Y-%m-%d").to_string())
                .bind(round.meeting.map(|e| e.0))
                .bind(round.state.as_str())
                .bind(settings)
                .bind(round.visibility.as_str())
                .bind(round.lang.as_str())
                .bind(round.created_by.map(|m| m.0))
                .bind($crate::store::to_us(round.created_at))
                .fetch_one(&mut *self.tx)
                .await?;
                Ok($crate::domain::RoundId(id))
            }

            async fn round(
                &mut self,
                id: $crate::domain::RoundId,
            ) -> $crate::store::Result<Option<$crate::domain::Round>> {
                let row: Option<$crate::store::budget::RoundRow> =
                    sqlx::query_as(sqlx::AssertSqlSafe(format!(
                        "SELECT {} FROM budget_rounds r WHERE r.id = $1",
                        $crate::store::budget::ROUND_COLUMNS
                    )))
                    .bind(id.0)
                    .fetch_optional(&mut *self.tx)
                    .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn rounds(
                &mut self,
                limit: i64,
            ) -> $crate::store::Result<Vec<$crate::domain::Round>> {
                let rows: Vec<$crate::store::budget::RoundRow> =
                    sqlx::query_as(sqlx::AssertSqlSafe(format!(
                        "SELECT {} FROM budget_rounds r ORDER BY r.id DESC LIMIT $1",
                        $crate::store::budget::ROUND_COLUMNS
                    )))
                    .bind(limit)
                    .fetch_all(&mut *self.tx)
                    .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn lock_round(
                &mut self,
                id: $crate::domain::RoundId,
            ) -> $crate::store::Result<()> {
                // SQLite's write transaction holds the whole file already: nothing to lock.
                if $row_lock.is_empty() {
                    return Ok(());
                }
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "SELECT id FROM budget_rounds WHERE id = $1{}",
                    $row_lock
                )))
                .bind(id.0)
                .fetch_optional(&mut *self.tx)
                .await?;
                Ok(())
            }

            async fn application_for_vote(
                &mut self,
                id: $crate::domain::ApplicationId,
            ) -> $crate::store::Result<
                Option<($crate::domain::Application, $crate::domain::Round)>,
            > {
                if $share_lock.is_empty() {
                    return self.application_and_round(id).await;
                }
                // The lock waits for a count or the next ballot to finish; the round is read
                // as they left it, and the application after it.
                let round: Option<$crate::store::budget::RoundRow> =
                    sqlx::query_as(sqlx::AssertSqlSafe(format!(
                        "SELECT {} FROM budget_rounds r WHERE r.id = \
                         (SELECT round_id FROM grant_applications WHERE id = $1){}",
                        $crate::store::budget::ROUND_COLUMNS,
                        $share_lock
                    )))
                    .bind(id.0)
                    .fetch_optional(&mut *self.tx)
                    .await?;
                let Some(round) = round else {
                    return Ok(None);
                };
                let round: $crate::domain::Round = round.try_into()?;
                Ok(self.application(id).await?.map(|a| (a, round)))
            }

            async fn lock_application(
                &mut self,
                id: $crate::domain::ApplicationId,
            ) -> $crate::store::Result<()> {
                if $row_lock.is_empty() {
                    return Ok(());
                }
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "SELECT id FROM grant_applications WHERE id = $1{}",
                    $row_lock
                )))
                .bind(id.0)
                .fetch_optional(&mut *self.tx)
                .await?;
                Ok(())
            }

            async fn update_round(
                &mut self,
                round: &$crate::domain::Round,
            ) -> $crate::store::Result<()> {
                let settings = serde_json::to_string(&round.settings)
                    .map_err(|e| $crate::store::StoreError::Corrupt(e.to_string()))?;
                sqlx::query(
                    "UPDATE budget_rounds SET state = $2, settings = $3, counted_at = $4, \
                     title = $5, base_cents = $6, deadline = $7, meeting_id = $8, \
                     visibility = $9 WHERE id = $1",
                )
                .bind(round.id.0)
                .bind(round.state.as_str())
                .bind(settings)
                .bind(round.counted_at.map($crate::store::to_us))
                .bind(&round.title)
                .bind(round.base.cents())
                .bind(round.deadline.format("%Y-%m-%d").to_string())
                .bind(round.meeting.map(|e| e.0))
                .bind(round.visibility.as_str())
                .execute(&mut *self.tx)
                .await?;
                Ok(())
            }

            async fn add_contribution(
                &mut self,
                round: $crate::domain::RoundId,
                contribution: &$crate::store::Contribution,
                entered_by: Option<$crate::domain::MemberId>,
            ) -> $crate::store::Result<()> {
                sqlx::query(
                    "INSERT INTO budget_contributions (round_id, cents, donor, public, \
                     entered_by, at) VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(round.0)
                .bind(contribution.amount.cents())
                .bind(&contribution.donor)
                .bind(i64::from(contribution.public))
                .bind(entered_by.map(|m| m.0))
                .bind($crate::store::to_us(contribution.at))
                .execute(&mut *self.tx)
                .await?;
                Ok(())
            }

            async fn contributions(
                &mut self,
                round: $crate::domain::RoundId,
            ) -> $crate::store::Result<Vec<$crate::store::Contribution>> {
                let rows: Vec<(i64, String, i64, i64)> = sqlx::query_as(
                    "SELECT cents, donor, public, at FROM budget_contributions \
                     WHERE round_id = $1 ORDER BY id",
                )
                .bind(round.0)
                .fetch_all(&mut *self.tx)
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|(cents, donor, public, at)| $crate::store::Contribution {
                        amount: $crate::domain::Amount::from_cents(cents),
                        donor,
                        public: public != 0,
                        at: $crate::store::from_us(at),
                    })
                    .collect())
            }

            async fn insert_application(
                &mut self,
                a: &$crate::domain::Application,
            ) -> $crate::store::Result<$crate::domain::ApplicationId> {
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO grant_applications (round_id, title, amount_cents, \
                     reduced_cents, initiative_id, purpose, applicant_id, state, reason, \
                     position, ballot, submitted_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, \
                     (SELECT COALESCE(MAX(position), 0) + 1 FROM grant_applications \
                      WHERE round_id = $1), $10, $11) RETURNING id",
                )
                .bind(a.round.0)
                .bind(&a.title)
                .bind(a.amount.cents())
                .bind(a.reduced_to.map(|r| r.cents()))
                .bind(a.initiative.0)
                .bind(&a.purpose)
                .bind(a.applicant.map(|m| m.0))
                .bind(a.state.as_str())
                .bind(a.reason.as_deref())
                .bind(a.ballot.as_str())
                .bind($crate::store::to_us(a.submitted_at))
                .fetch_one(&mut *self.tx)
                .await?;
                Ok($crate::domain::ApplicationId(id))
            }

            async fn application(
                &mut self,
                id: $crate::domain::ApplicationId,
            ) -> $crate::store::Result<Option<$crate::domain::Application>> {
                let row: Option<$crate::store::budget::ApplicationRow> =
                    sqlx::query_as(sqlx::AssertSqlSafe(format!(
                        "SELECT {} FROM grant_applications WHERE id = $1",
                        $crate::store::budget::APPLICATION_COLUMNS
                    )))
                    .bind(id.0)
                    .fetch_optional(&mut *self.tx)
                    .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn application_and_round(
                &mut self,
                id: $crate::domain::ApplicationId,
            ) -> $crate::store::Result<
                Option<($crate::domain::Application, $crate::domain::Round)>,
            > {
                use sqlx::FromRow as _;
                if !$row_lock.is_empty() {
                    // PostgreSQL prepares one statement per query: two round trips.
                    let Some(application) = self.application(id).await? else {
                        return Ok(None);
                    };
                    let round = self.round(application.round).await?;
                    return Ok(round.map(|round| (application, round)));
                }
                // SQLite runs both statements of one query in one round trip.
                let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
                    "SELECT {} FROM grant_applications WHERE id = $1; \
                     SELECT {} FROM budget_rounds r \
                     WHERE r.id = (SELECT round_id FROM grant_applications WHERE id = $1)",
                    $crate::store::budget::APPLICATION_COLUMNS,
                    $crate::store::budget::ROUND_COLUMNS
                )))
                .bind(id.0)
                .fetch_all(&mut *self.tx)
                .await?;
                let [application, round] = rows.as_slice() else {
                    return Ok(None);
                };
                let application: $crate::domain::Application =
                    $crate::store::budget::ApplicationRow::from_row(application)?.try_into()?;
                let round: $crate::domain::Round =
                    $crate::store::budget::RoundRow::from_row(round)?.try_into()?;
                Ok(Some((application, round)))
            }

            async fn applications(
                &mut self,
                round: $crate::domain::RoundId,
            ) -> $crate::store::Result<Vec<$crate::domain::Application>> {
                let rows: Vec<$crate::store::budget::ApplicationRow> =
                    sqlx::query_as(sqlx::AssertSqlSafe(format!(
                        "SELECT {} FROM grant_applications WHERE round_id = $1 \
                         ORDER BY position, id",
                        $crate::store::budget::APPLICATION_COLUMNS
                    )))
                    .bind(round.0)
                    .fetch_all(&mut *self.tx)
                    .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn update_application(
                &mut self,
                a: &$crate::domain::Application,
            ) -> $crate::store::Result<()> {
                sqlx::query(
                    "UPDATE grant_applications SET title = $2, amount_cents = $3, \
                     reduced_cents = $4, initiative_id = $5, purpose = $6, state = $7, \
                     reason = $8, position = $9, ballot = $10 WHERE id = $1",
                )
                .bind(a.id.0)
                .bind(&a.title)
                .bind(a.amount.cents())
                .bind(a.reduced_to.map(|r| r.cents()))
                .bind(a.initiative.0)
                .bind(&a.purpose)
                .bind(a.state.as_str())
                .bind(a.reason.as_deref())
                .bind(a.position)
                .bind(a.ballot.as_str())
                .execute(&mut *self.tx)
                .await?;
                Ok(())
            }

            async fn voters(
                &mut self,
                round: $crate::domain::RoundId,
            ) -> $crate::store::Result<Vec<(String, Option<$crate::domain::MemberId>)>> {
                let rows: Vec<(String, Option<i64>)> = sqlx::query_as(
                    "SELECT token, member_id FROM budget_voters WHERE round_id = $1 ORDER BY token",
                )
                .bind(round.0)
                .fetch_all(&mut *self.tx)
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|(token, member)| (token, member.map($crate::domain::MemberId)))
                    .collect())
            }

            async fn voter_token(
                &mut self,
                round: $crate::domain::RoundId,
                member: $crate::domain::MemberId,
            ) -> $crate::store::Result<Option<String>> {
                Ok(sqlx::query_scalar(
                    "SELECT token FROM budget_voters WHERE round_id = $1 AND member_id = $2",
                )
                .bind(round.0)
                .bind(member.0)
                .fetch_optional(&mut *self.tx)
                .await?)
            }

            async fn lock_voter(
                &mut self,
                round: $crate::domain::RoundId,
                member: $crate::domain::MemberId,
            ) -> $crate::store::Result<String> {
                if $row_lock.is_empty() {
                    // SQLite's write transaction holds the file: read, and add if missing.
                    let token: Option<String> = sqlx::query_scalar(
                        "SELECT token FROM budget_voters WHERE round_id = $1 AND member_id = $2",
                    )
                    .bind(round.0)
                    .bind(member.0)
                    .fetch_optional(&mut *self.tx)
                    .await?;
                    if let Some(token) = token {
                        return Ok(token);
                    }
                }
                // The update changes nothing; it makes the database lock the row (and return
                // the token already there).
                Ok(sqlx::query_scalar(
                    "INSERT INTO budget_voters (round_id, token, member_id) VALUES ($1, $2, $3) \
                     ON CONFLICT (round_id, member_id) DO UPDATE SET token = budget_voters.token \
                     RETURNING token",
                )
                .bind(round.0)
                .bind($crate::domain::codes::random_token())
                .bind(member.0)
                .fetch_one(&mut *self.tx)
                .await?)
            }

            async fn voter_ballot(
                &mut self,
                round: $crate::domain::RoundId,
                member: $crate::domain::MemberId,
                application: $crate::domain::ApplicationId,
            ) -> $crate::store::Result<$crate::store::VoterBallot> {
                // PostgreSQL: lock first; the read after it sees the voter's last commit.
                if !$row_lock.is_empty() {
                    self.lock_voter(round, member).await?;
                }
                let found: Option<(String, Option<String>, Option<String>)> = sqlx::query_as(
                    "SELECT v.token, \
                     (SELECT choice FROM budget_votes b \
                      WHERE b.application_id = $3 AND b.token = v.token), \
                     (SELECT hash FROM budget_vote_log l WHERE l.round_id = v.round_id \
                      AND l.token = v.token ORDER BY l.id DESC LIMIT 1) \
                     FROM budget_voters v WHERE v.round_id = $1 AND v.member_id = $2",
                )
                .bind(round.0)
                .bind(member.0)
                .bind(application.0)
                .fetch_optional(&mut *self.tx)
                .await?;
                Ok(match found {
                    Some((token, current, head)) => $crate::store::VoterBallot {
                        token,
                        current: current
                            .as_deref()
                            .and_then($crate::domain::Choice::from_stored),
                        head,
                    },
                    None => $crate::store::VoterBallot {
                        token: self.lock_voter(round, member).await?,
                        current: None,
                        head: None,
                    },
                })
            }

            async fn record_vote(
                &mut self,
                round: $crate::domain::RoundId,
                row: &$crate::store::VoteLogRow,
            ) -> $crate::store::Result<()> {
                let current = if row.choice.is_some() {
                    "INSERT INTO budget_votes (application_id, token, choice, at) \
                     VALUES ($1, $2, $3, $4) ON CONFLICT (application_id, token) \
                     DO UPDATE SET choice = excluded.choice, at = excluded.at"
                } else {
                    "DELETE FROM budget_votes WHERE application_id = $1 AND token = $2"
                };
                let log = "INSERT INTO budget_vote_log (round_id, application_id, token, \
                     choice, at, chain, prev_hash, hash) VALUES ($5, $1, $2, $3, $4, $6, $7, $8)";
                // One round trip: SQLite runs both statements of one query; PostgreSQL one
                // statement with a data-modifying CTE.
                let sql = if $row_lock.is_empty() {
                    format!("{current}; {log}")
                } else {
                    format!("WITH vote AS ({current}) {log}")
                };
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(row.application.0)
                    .bind(&row.token)
                    .bind(row.choice.map(|c| c.as_str()))
                    .bind($crate::store::to_us(row.at))
                    .bind(round.0)
                    .bind(row.chain.as_str())
                    .bind(&row.prev_hash)
                    .bind(&row.hash)
                    .execute(&mut *self.tx)
                    .await?;
                Ok(())
            }

            async fn votes_of(
                &mut self,
                round: $crate::domain::RoundId,
                token: &str,
            ) -> $crate::store::Result<Vec<($crate::domain::ApplicationId, $crate::domain::Choice)>>
            {
                let rows: Vec<(i64, String)> = sqlx::query_as(
                    "SELECT v.application_id, v.choice FROM budget_votes v \
                     JOIN grant_applications a ON a.id = v.application_id \
                     WHERE a.round_id = $1 AND v.token = $2 ORDER BY a.position, a.id",
                )
                .bind(round.0)
                .bind(token)
                .fetch_all(&mut *self.tx)
                .await?;
                Ok(rows
                    .into_iter()
                    .filter_map(|(id, choice)| {
                        $crate::domain::Choice::from_stored(&choice)
                            .map(|c| ($crate::domain::ApplicationId(id), c))
                    })
                    .collect())
            }

            async fn tally(
                &mut self,
                application: $crate::domain::ApplicationId,
            ) -> $crate::store::Result<$crate::domain::budget::Tally> {
                let rows: Vec<(String, i64)> = sqlx::query_as(
                    "SELECT choice, COUNT(*) FROM budget_votes WHERE application_id = $1 \
                     GROUP BY choice",
                )
                .bind(application.0)
                .fetch_all(&mut *self.tx)
                .await?;
                $crate::store::budget::tally_of(rows)
            }

            async fn vote_log(
                &mut self,
                round: $crate::domain::RoundId,
            ) -> $crate::store::Result<Vec<$crate::store::VoteLogRow>> {
                let rows: Vec<$crate::store::budget::VoteLogDbRow> = sqlx::query_as(
                    "SELECT id, application_id, token, choice, at, chain, prev_hash, hash \
                     FROM budget_vote_log WHERE round_id = $1 ORDER BY id",
                )
                .bind(round.0)
                .fetch_all(&mut *self.tx)
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn log_seal(
                &mut self,
                round: $crate::domain::RoundId,
            ) -> $crate::store::Result<Option<String>> {
                Ok(sqlx::query_scalar::<_, Option<String>>(
                    "SELECT log_seal FROM budget_rounds WHERE id = $1",
                )
                .bind(round.0)
                .fetch_optional(&mut *self.tx)
                .await?
                .flatten())
            }

            async fn set_log_seal(
                &mut self,
                round: $crate::domain::RoundId,
                seal: &str,
            ) -> $crate::store::Result<()> {
                sqlx::query("UPDATE budget_rounds SET log_seal = $2 WHERE id = $1")
                    .bind(round.0)
                    .bind(seal)
                    .execute(&mut *self.tx)
                    .await?;
                Ok(())
            }

            async fn note_hint(
                &mut self,
                round: $crate::domain::RoundId,
                person: &str,
                kind: &str,
            ) -> $crate::store::Result<bool> {
                let done = sqlx::query(
                    "INSERT INTO budget_hints (round_id, person, kind) VALUES ($1, $2, $3) \
                     ON CONFLICT DO NOTHING",
                )
                .bind(round.0)
                .bind(person)
                .bind(kind)
                .execute(&mut *self.tx)
                .await?;
                Ok(done.rows_affected() > 0)
            }

            async fn store_results(
                &mut self,
                round: $crate::domain::RoundId,
                rows: &[$crate::store::ResultRow],
            ) -> $crate::store::Result<()> {
                sqlx::query("DELETE FROM budget_results WHERE round_id = $1")
                    .bind(round.0)
                    .execute(&mut *self.tx)
                    .await?;
                for row in rows {
                    sqlx::query(
                        "INSERT INTO budget_results (round_id, application_id, yes, no, \
                         abstain, points, voters, granted_cents, outcome, rank, tie) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                    )
                    .bind(round.0)
                    .bind(row.decision.id.0)
                    .bind(i64::from(row.tally.yes))
                    .bind(i64::from(row.tally.no))
                    .bind(i64::from(row.tally.abstain))
                    .bind(i64::try_from(row.tally.points).unwrap_or(i64::MAX))
                    .bind(i64::from(row.tally.voters))
                    .bind(row.decision.granted.cents())
                    .bind(row.decision.outcome.as_str())
                    .bind(row.decision.rank.map(i64::from))
                    .bind(i64::from(row.decision.tie_broken_by_time))
                    .execute(&mut *self.tx)
                    .await?;
                }
                Ok(())
            }

            async fn results(
                &mut self,
                round: $crate::domain::RoundId,
            ) -> $crate::store::Result<Vec<$crate::store::ResultRow>> {
                let rows: Vec<$crate::store::budget::ResultDbRow> = sqlx::query_as(
                    "SELECT application_id, yes, no, abstain, points, voters, granted_cents, \
                     outcome, rank, tie FROM budget_results WHERE round_id = $1 \
                     ORDER BY CASE WHEN rank IS NULL THEN 1 ELSE 0 END, rank, application_id",
                )
                .bind(round.0)
                .fetch_all(&mut *self.tx)
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }
        }
    };
}

pub(crate) use impl_budget_sql;
