//! The database: one async layer (sqlx) over SQLite (the embedded default)
//! and PostgreSQL.
//!
//! - SQLite (`sqlite://beian.db`, the default): a file, created and migrated
//!   on first start, in WAL mode with `synchronous=FULL`, so a commit is on
//!   disk before the request that made it gets its 2xx. Reads go through a
//!   small pool; writes go through one writer task that commits them in
//!   groups (group commit): every write is one savepoint inside the group's
//!   transaction, and all of them share one fsync. A write that fails rolls
//!   back its savepoint only.
//! - PostgreSQL (`postgres://…`): a pool; every write is its own
//!   transaction, retried when it lost a race (a unique constraint or a
//!   version check), so that the loser sees the winner's data.
//!
//! The SQL is the same for both (placeholders `$1`, `$2`, … work in both);
//! only the migrations differ (`migrations/sqlite`, `migrations/postgres`).
//! No compile-time checked queries: `sqlx::query` with binds.

use std::borrow::Cow;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::error::BoxDynError;
use sqlx::migrate::{Migration, MigrationSource, MigrationType, Migrator};
use sqlx::pool::PoolConnection;
use sqlx::postgres::{PgConnection, PgPool, PgPoolOptions, PgRow};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqlitePool, SqlitePoolOptions,
    SqliteRow, SqliteSynchronous,
};
use sqlx::{ConnectOptions, Connection, Row as _};
use tokio::sync::{mpsc, oneshot};

/// The default database: a SQLite file in the working directory.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://beian.db";

/// How many writes one SQLite group commit takes at most.
const MAX_GROUP: usize = 256;

/// How many times a PostgreSQL write that lost a race is tried again.
const PG_RETRIES: usize = 4;

/// The migrations, embedded in the binary: (version, description, SQL).
const SQLITE_MIGRATIONS: &[(i64, &str, &str)] = &[
    (
        1,
        "registry",
        include_str!("../migrations/sqlite/0001_registry.sql"),
    ),
    (
        2,
        "british names",
        include_str!("../migrations/sqlite/0002_british_names.sql"),
    ),
    (
        3,
        "filing numbers",
        include_str!("../migrations/sqlite/0003_filing_numbers.sql"),
    ),
    (
        4,
        "webhooks",
        include_str!("../migrations/sqlite/0004_webhooks.sql"),
    ),
    (
        5,
        "credentials",
        include_str!("../migrations/sqlite/0005_credentials.sql"),
    ),
    (
        6,
        "documents",
        include_str!("../migrations/sqlite/0006_documents.sql"),
    ),
];
const POSTGRES_MIGRATIONS: &[(i64, &str, &str)] = &[
    (
        1,
        "registry",
        include_str!("../migrations/postgres/0001_registry.sql"),
    ),
    (
        2,
        "british names",
        include_str!("../migrations/postgres/0002_british_names.sql"),
    ),
    (
        3,
        "filing numbers",
        include_str!("../migrations/postgres/0003_filing_numbers.sql"),
    ),
    (
        4,
        "webhooks",
        include_str!("../migrations/postgres/0004_webhooks.sql"),
    ),
    (
        5,
        "credentials",
        include_str!("../migrations/postgres/0005_credentials.sql"),
    ),
    (
        6,
        "documents",
        include_str!("../migrations/postgres/0006_documents.sql"),
    ),
];

/// Which database a [`Db`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// An SQLite file.
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

/// How durable an SQLite commit is (`PRAGMA synchronous`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SqliteDurability {
    /// `FULL`: every commit is synced to disk before it returns (default).
    #[default]
    Full,
    /// `NORMAL`: a commit survives a crash of the server, not of the
    /// machine (the WAL is synced at checkpoints only).
    Normal,
}

/// Settings of [`Db::open`].
#[derive(Debug, Clone)]
pub struct DbOptions {
    /// `sqlite://PATH` (created if missing) or `postgres://…`.
    pub url: String,
    /// Connections of the read pool (SQLite) or of the pool (PostgreSQL).
    pub max_connections: u32,
    /// SQLite only.
    pub sqlite_durability: SqliteDurability,
}

impl DbOptions {
    /// The options for `url` with defaults: 8 connections, durable commits.
    pub fn new(url: impl Into<String>) -> Self {
        DbOptions {
            url: url.into(),
            max_connections: 8,
            sqlite_durability: SqliteDurability::Full,
        }
    }
}

/// Why the database could not be opened or used.
#[derive(Debug)]
pub enum DbError {
    /// The URL names no database this server knows.
    BadUrl(String),
    /// An error of the database or of the connection to it.
    Sqlx(sqlx::Error),
    /// The migrations could not be applied.
    Migrate(sqlx::migrate::MigrateError),
    /// Stored data that does not read back (e.g. JSON of another version).
    Corrupt(String),
    /// The writer task is gone (the server is shutting down).
    Closed,
}

impl fmt::Display for DbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DbError::BadUrl(m) => write!(f, "bad database URL: {m}"),
            DbError::Sqlx(e) => write!(f, "database error: {e}"),
            DbError::Migrate(e) => write!(f, "database migration failed: {e}"),
            DbError::Corrupt(m) => write!(f, "stored data does not read back: {m}"),
            DbError::Closed => f.write_str("the database writer has stopped"),
        }
    }
}

impl std::error::Error for DbError {}

impl From<sqlx::Error> for DbError {
    fn from(e: sqlx::Error) -> Self {
        DbError::Sqlx(e)
    }
}

impl DbError {
    /// True for a unique-constraint violation: another write got there first.
    pub fn is_unique_violation(&self) -> bool {
        matches!(self, DbError::Sqlx(sqlx::Error::Database(e)) if e.is_unique_violation())
    }
}

/// A bind value: the only types the schema uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Val {
    /// An integer (`INTEGER` / `BIGINT`), or NULL.
    Int(Option<i64>),
    /// Text, or NULL.
    Text(Option<String>),
    /// Bytes (`BLOB` / `BYTEA`): an uploaded document's content.
    Bytes(Vec<u8>),
}

impl From<Vec<u8>> for Val {
    fn from(v: Vec<u8>) -> Self {
        Val::Bytes(v)
    }
}

impl From<i64> for Val {
    fn from(v: i64) -> Self {
        Val::Int(Some(v))
    }
}

impl From<Option<i64>> for Val {
    fn from(v: Option<i64>) -> Self {
        Val::Int(v)
    }
}

impl From<&str> for Val {
    fn from(v: &str) -> Self {
        Val::Text(Some(v.to_string()))
    }
}

impl From<String> for Val {
    fn from(v: String) -> Self {
        Val::Text(Some(v))
    }
}

impl From<&String> for Val {
    fn from(v: &String) -> Self {
        Val::Text(Some(v.clone()))
    }
}

impl From<Option<String>> for Val {
    fn from(v: Option<String>) -> Self {
        Val::Text(v)
    }
}

/// A row of either backend, read by column name.
pub enum Row {
    /// From SQLite.
    Sqlite(SqliteRow),
    /// From PostgreSQL.
    Postgres(PgRow),
}

impl Row {
    /// An integer column.
    pub fn int(&self, column: &str) -> Result<i64, DbError> {
        Ok(match self {
            Row::Sqlite(r) => r.try_get(column)?,
            Row::Postgres(r) => r.try_get(column)?,
        })
    }

    /// An integer column that may be NULL.
    pub fn opt_int(&self, column: &str) -> Result<Option<i64>, DbError> {
        Ok(match self {
            Row::Sqlite(r) => r.try_get(column)?,
            Row::Postgres(r) => r.try_get(column)?,
        })
    }

    /// A text column.
    pub fn text(&self, column: &str) -> Result<String, DbError> {
        Ok(match self {
            Row::Sqlite(r) => r.try_get(column)?,
            Row::Postgres(r) => r.try_get(column)?,
        })
    }

    /// A text column that may be NULL.
    pub fn opt_text(&self, column: &str) -> Result<Option<String>, DbError> {
        Ok(match self {
            Row::Sqlite(r) => r.try_get(column)?,
            Row::Postgres(r) => r.try_get(column)?,
        })
    }

    /// A bytes column.
    pub fn bytes(&self, column: &str) -> Result<Vec<u8>, DbError> {
        Ok(match self {
            Row::Sqlite(r) => r.try_get(column)?,
            Row::Postgres(r) => r.try_get(column)?,
        })
    }
}

/// A connection of either backend, inside a transaction or not: the one
/// way the rest of the server runs SQL.
pub enum Conn<'a> {
    /// SQLite.
    Sqlite(&'a mut SqliteConnection),
    /// PostgreSQL.
    Postgres(&'a mut PgConnection),
}

macro_rules! bind_all {
    ($query:expr, $args:expr) => {{
        let mut q = $query;
        for arg in $args {
            q = match arg {
                Val::Int(v) => q.bind(*v),
                Val::Text(v) => q.bind(v.clone()),
                Val::Bytes(v) => q.bind(v.clone()),
            };
        }
        q
    }};
}

impl Conn<'_> {
    /// Runs a statement; the number of rows it changed.
    pub async fn execute(&mut self, sql: &str, args: &[Val]) -> Result<u64, DbError> {
        Ok(match self {
            Conn::Sqlite(c) => bind_all!(sqlx::query(sql), args)
                .execute(&mut **c)
                .await?
                .rows_affected(),
            Conn::Postgres(c) => bind_all!(sqlx::query(sql), args)
                .execute(&mut **c)
                .await?
                .rows_affected(),
        })
    }

    /// Every row of a query.
    pub async fn fetch_all(&mut self, sql: &str, args: &[Val]) -> Result<Vec<Row>, DbError> {
        Ok(match self {
            Conn::Sqlite(c) => bind_all!(sqlx::query(sql), args)
                .fetch_all(&mut **c)
                .await?
                .into_iter()
                .map(Row::Sqlite)
                .collect(),
            Conn::Postgres(c) => bind_all!(sqlx::query(sql), args)
                .fetch_all(&mut **c)
                .await?
                .into_iter()
                .map(Row::Postgres)
                .collect(),
        })
    }

    /// The first row of a query, if any.
    pub async fn fetch_optional(
        &mut self,
        sql: &str,
        args: &[Val],
    ) -> Result<Option<Row>, DbError> {
        Ok(match self {
            Conn::Sqlite(c) => bind_all!(sqlx::query(sql), args)
                .fetch_optional(&mut **c)
                .await?
                .map(Row::Sqlite),
            Conn::Postgres(c) => bind_all!(sqlx::query(sql), args)
                .fetch_optional(&mut **c)
                .await?
                .map(Row::Postgres),
        })
    }

    /// Exactly one row (e.g. `INSERT … RETURNING id`).
    pub async fn fetch_one(&mut self, sql: &str, args: &[Val]) -> Result<Row, DbError> {
        Ok(match self {
            Conn::Sqlite(c) => Row::Sqlite(
                bind_all!(sqlx::query(sql), args)
                    .fetch_one(&mut **c)
                    .await?,
            ),
            Conn::Postgres(c) => Row::Postgres(
                bind_all!(sqlx::query(sql), args)
                    .fetch_one(&mut **c)
                    .await?,
            ),
        })
    }
}

/// A connection from a pool, see [`Db::reader`].
pub enum Pooled {
    /// SQLite.
    Sqlite(PoolConnection<sqlx::Sqlite>),
    /// PostgreSQL.
    Postgres(PoolConnection<sqlx::Postgres>),
}

impl Pooled {
    /// The connection, to run SQL on.
    pub fn conn(&mut self) -> Conn<'_> {
        match self {
            Pooled::Sqlite(c) => Conn::Sqlite(c),
            Pooled::Postgres(c) => Conn::Postgres(c),
        }
    }
}

/// A boxed future, as the write closures return.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// One write: runs inside a transaction (PostgreSQL) or a savepoint of a
/// group commit (SQLite). It may run more than once when it lost a race
/// (it returned an error for which [`DbError::is_unique_violation`] holds,
/// or [`Retry`]), so it must not have effects outside the database.
pub type WriteFn<T> =
    Box<dyn for<'a> FnMut(&'a mut Conn<'_>) -> BoxFuture<'a, Result<T, WriteError>> + Send>;

/// Why a write did not happen.
#[derive(Debug)]
pub enum WriteError {
    /// A database error (a unique violation means: try again).
    Db(DbError),
    /// Lost a race on a version check: try again.
    Retry,
}

impl From<DbError> for WriteError {
    fn from(e: DbError) -> Self {
        WriteError::Db(e)
    }
}

impl From<sqlx::Error> for WriteError {
    fn from(e: sqlx::Error) -> Self {
        WriteError::Db(DbError::Sqlx(e))
    }
}

impl WriteError {
    fn is_retryable(&self) -> bool {
        match self {
            WriteError::Retry => true,
            WriteError::Db(e) => e.is_unique_violation(),
        }
    }
}

/// Marker: a write lost a race on a version check.
#[derive(Debug, Clone, Copy)]
pub struct Retry;

impl From<Retry> for WriteError {
    fn from(_: Retry) -> Self {
        WriteError::Retry
    }
}

/// The database handle: cheap to clone, shared by all requests.
#[derive(Clone)]
pub struct Db {
    inner: Arc<Inner>,
}

enum Inner {
    Sqlite {
        read: SqlitePool,
        writer: mpsc::Sender<Job>,
    },
    Postgres {
        pool: PgPool,
    },
}

impl fmt::Debug for Db {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Db({:?})", self.backend())
    }
}

/// A write waiting for the SQLite writer.
struct Job {
    run: JobFn,
}

/// What a job left: whether to keep its savepoint, and how to tell its
/// caller once the group is committed (or not).
struct JobDone {
    keep: bool,
    tell: Tell,
}

/// Tells a job's caller whether its group was committed.
type Tell = Box<dyn FnOnce(Result<(), DbError>) + Send>;

/// The migrations of one backend, embedded.
#[derive(Debug)]
struct Embedded(&'static [(i64, &'static str, &'static str)]);

impl MigrationSource<'static> for Embedded {
    fn resolve(self) -> BoxFuture<'static, Result<Vec<Migration>, BoxDynError>> {
        Box::pin(async move {
            Ok(self
                .0
                .iter()
                .map(|(version, description, sql)| {
                    Migration::new(
                        *version,
                        Cow::Borrowed(*description),
                        MigrationType::Simple,
                        Cow::Borrowed(*sql),
                        false,
                    )
                })
                .collect())
        })
    }
}

async fn migrator(
    migrations: &'static [(i64, &'static str, &'static str)],
) -> Result<Migrator, DbError> {
    Migrator::new(Embedded(migrations))
        .await
        .map_err(DbError::Migrate)
}

impl Db {
    /// Opens (and for SQLite creates) the database at `options.url` and
    /// applies the migrations it lacks.
    pub async fn open(options: &DbOptions) -> Result<Db, DbError> {
        let url = options.url.trim();
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Self::open_postgres(url, options).await
        } else if url.starts_with("sqlite:") {
            Self::open_sqlite(url, options).await
        } else {
            Err(DbError::BadUrl(format!(
                "{url:?}: use sqlite://PATH or postgres://USER@HOST:PORT/DATABASE"
            )))
        }
    }

    async fn open_sqlite(url: &str, options: &DbOptions) -> Result<Db, DbError> {
        if url.contains(":memory:") || url.contains("mode=memory") {
            return Err(DbError::BadUrl(
                "an in-memory SQLite database would be lost at exit and is not shared between connections: give a file"
                    .into(),
            ));
        }
        let synchronous = match options.sqlite_durability {
            SqliteDurability::Full => SqliteSynchronous::Full,
            SqliteDurability::Normal => SqliteSynchronous::Normal,
        };
        let connect = SqliteConnectOptions::from_str(url)
            .map_err(|e| DbError::BadUrl(e.to_string()))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(synchronous)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let mut writer = connect.connect().await?;
        migrator(SQLITE_MIGRATIONS)
            .await?
            .run_direct(&mut writer)
            .await
            .map_err(DbError::Migrate)?;
        let read = SqlitePoolOptions::new()
            .max_connections(options.max_connections.max(1))
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(connect)
            .await?;
        let (tx, rx) = mpsc::channel(4 * MAX_GROUP);
        tokio::spawn(sqlite_writer(writer, rx));
        Ok(Db {
            inner: Arc::new(Inner::Sqlite { read, writer: tx }),
        })
    }

    async fn open_postgres(url: &str, options: &DbOptions) -> Result<Db, DbError> {
        let pool = PgPoolOptions::new()
            .max_connections(options.max_connections.max(1))
            .acquire_timeout(Duration::from_secs(10))
            .connect(url)
            .await?;
        migrator(POSTGRES_MIGRATIONS)
            .await?
            .run(&pool)
            .await
            .map_err(DbError::Migrate)?;
        Ok(Db {
            inner: Arc::new(Inner::Postgres { pool }),
        })
    }

    /// The backend.
    pub fn backend(&self) -> Backend {
        match &*self.inner {
            Inner::Sqlite { .. } => Backend::Sqlite,
            Inner::Postgres { .. } => Backend::Postgres,
        }
    }

    /// A pooled connection for reads (no transaction: each statement sees
    /// what is committed when it runs).
    pub async fn reader(&self) -> Result<Pooled, DbError> {
        Ok(match &*self.inner {
            Inner::Sqlite { read, .. } => Pooled::Sqlite(read.acquire().await?),
            Inner::Postgres { pool } => Pooled::Postgres(pool.acquire().await?),
        })
    }

    /// Runs `write` in a transaction and commits it: when this returns
    /// `Ok`, the write is durable. A write that lost a race is run again
    /// (see [`WriteFn`]).
    pub async fn write<T: Send + 'static>(&self, mut write: WriteFn<T>) -> Result<T, DbError> {
        match &*self.inner {
            Inner::Postgres { pool } => {
                let mut attempt = 0;
                loop {
                    attempt += 1;
                    let mut tx = pool.begin().await?;
                    let result = write(&mut Conn::Postgres(&mut tx)).await;
                    match result {
                        Ok(value) => {
                            tx.commit().await?;
                            return Ok(value);
                        }
                        Err(e) => {
                            tx.rollback().await?;
                            if !(e.is_retryable() && attempt < PG_RETRIES) {
                                return Err(match e {
                                    WriteError::Db(e) => e,
                                    WriteError::Retry => DbError::Sqlx(sqlx::Error::Protocol(
                                        "the write kept losing races".into(),
                                    )),
                                });
                            }
                        }
                    }
                }
            }
            Inner::Sqlite { writer, .. } => {
                let (reply, answer) = oneshot::channel::<Result<T, DbError>>();
                let job = Job {
                    run: job_fn(move |conn| {
                        Box::pin(async move {
                            // Serialised by the writer: a second try sees
                            // everything committed or written before it.
                            let mut result = write(&mut Conn::Sqlite(&mut *conn)).await;
                            if matches!(&result, Err(e) if e.is_retryable()) {
                                let _ = sqlx::query("ROLLBACK TO job").execute(&mut *conn).await;
                                result = write(&mut Conn::Sqlite(&mut *conn)).await;
                            }
                            let (keep, value) = match result {
                                Ok(v) => (true, Ok(v)),
                                Err(WriteError::Db(e)) => (false, Err(e)),
                                Err(WriteError::Retry) => (
                                    false,
                                    Err(DbError::Sqlx(sqlx::Error::Protocol(
                                        "the write kept losing races".into(),
                                    ))),
                                ),
                            };
                            JobDone {
                                keep,
                                tell: Box::new(move |committed: Result<(), DbError>| {
                                    let _ = reply.send(committed.and(value));
                                }),
                            }
                        })
                    }),
                };
                writer.send(job).await.map_err(|_| DbError::Closed)?;
                answer.await.map_err(|_| DbError::Closed)?
            }
        }
    }
}

/// Boxes a write closure (the helper pins down its higher-ranked type).
pub fn write_fn<T, F>(f: F) -> WriteFn<T>
where
    F: for<'a> FnMut(&'a mut Conn<'_>) -> BoxFuture<'a, Result<T, WriteError>> + Send + 'static,
{
    Box::new(f)
}

type JobFn = Box<dyn for<'a> FnOnce(&'a mut SqliteConnection) -> BoxFuture<'a, JobDone> + Send>;

fn job_fn<F>(f: F) -> JobFn
where
    F: for<'a> FnOnce(&'a mut SqliteConnection) -> BoxFuture<'a, JobDone> + Send + 'static,
{
    Box::new(f)
}

/// The SQLite writer: takes the jobs waiting, runs each in a savepoint of
/// one `BEGIN IMMEDIATE` transaction, commits once, then answers them all.
async fn sqlite_writer(mut conn: SqliteConnection, mut jobs: mpsc::Receiver<Job>) {
    let mut group: Vec<Job> = Vec::with_capacity(MAX_GROUP);
    while jobs.recv_many(&mut group, MAX_GROUP).await > 0 {
        let mut tells = Vec::with_capacity(group.len());
        let outcome = run_group(&mut conn, &mut group, &mut tells).await;
        for tell in tells {
            tell(match &outcome {
                Ok(()) => Ok(()),
                Err(e) => Err(DbError::Sqlx(sqlx::Error::Protocol(format!(
                    "the group commit failed: {e}"
                )))),
            });
        }
        group.clear();
    }
    let _ = conn.close().await;
}

async fn run_group(
    conn: &mut SqliteConnection,
    group: &mut Vec<Job>,
    tells: &mut Vec<Tell>,
) -> Result<(), sqlx::Error> {
    let mut tx = conn.begin_with("BEGIN IMMEDIATE").await?;
    for job in group.drain(..) {
        sqlx::query("SAVEPOINT job").execute(&mut *tx).await?;
        let done = (job.run)(&mut tx).await;
        if !done.keep {
            sqlx::query("ROLLBACK TO job").execute(&mut *tx).await?;
        }
        sqlx::query("RELEASE job").execute(&mut *tx).await?;
        tells.push(done.tell);
    }
    tx.commit().await
}
