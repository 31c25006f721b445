//! `beian webhooks set|list|remove`: where each provider's panel receives
//! the events of its filings ([`crate::outbox`]).

use std::process::ExitCode;

use clap::{Args, Subcommand};

use crate::db::{Db, DbOptions};
use crate::outbox;

/// Arguments of `beian webhooks`.
#[derive(Debug, Args)]
pub struct WebhooksArgs {
    /// The registry's database: sqlite://PATH or postgres://USER@HOST:PORT/DB.
    #[arg(long, env = "BEIAN_DATABASE_URL", default_value = crate::db::DEFAULT_DATABASE_URL, global = true)]
    pub database_url: String,
    /// What to do.
    #[command(subcommand)]
    pub action: WebhooksAction,
}

/// The actions of `beian webhooks`.
#[derive(Debug, Subcommand)]
pub enum WebhooksAction {
    /// Send a provider's events to URL, signed with a secret (printed; generated unless --secret is given).
    Set {
        /// The provider, as filings name it (Access.provider).
        #[arg(long)]
        provider: String,
        /// The panel's address receiving the POSTs (https:// in production).
        #[arg(long)]
        url: String,
        /// The signing secret (default: a new random one).
        #[arg(long)]
        secret: Option<String>,
    },
    /// List the webhooks and their events not yet acknowledged.
    List,
    /// Stop sending a provider's events (they wait in the outbox).
    Remove {
        /// The provider.
        #[arg(long)]
        provider: String,
    },
}

/// Runs `beian webhooks …`.
pub fn webhooks(args: WebhooksArgs) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("beian: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async move {
        let db = match Db::open(&DbOptions::new(args.database_url.clone())).await {
            Ok(db) => db,
            Err(e) => {
                eprintln!(
                    "beian: cannot open the database: {}",
                    crate::mask::mask(&e.to_string())
                );
                return ExitCode::FAILURE;
            }
        };
        match run(&db, args.action).await {
            Ok(out) => {
                println!("{out}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("beian: {e}");
                ExitCode::from(2)
            }
        }
    })
}

async fn run(db: &Db, action: WebhooksAction) -> Result<String, String> {
    match action {
        WebhooksAction::Set {
            provider,
            url,
            secret,
        } => {
            if provider.trim().is_empty() {
                return Err("--provider: empty".into());
            }
            let parsed = beian_site::fetch::parse(&url)
                .map_err(|e| format!("--url: {}", beian_site::fetch_finding(&e).message.en))?;
            if !url.trim().contains("://") {
                return Err(format!("--url: give the scheme (https://…): {url:?}"));
            }
            let secret = match secret {
                Some(s) if s.len() >= 16 => s,
                Some(_) => return Err("--secret: at least 16 characters".into()),
                None => format!("whsec_{}", crate::password::generate()),
            };
            outbox::set(db, &provider, parsed.as_str(), &secret)
                .await
                .map_err(|e| e.to_string())?;
            Ok(serde_json::json!({
                "provider": provider.trim(),
                "url": parsed.as_str(),
                "secret": secret,
            })
            .to_string())
        }
        WebhooksAction::List => {
            let list = outbox::list(db).await.map_err(|e| e.to_string())?;
            Ok(serde_json::to_string_pretty(&list).unwrap_or_default())
        }
        WebhooksAction::Remove { provider } => {
            if outbox::remove(db, &provider)
                .await
                .map_err(|e| e.to_string())?
            {
                Ok(format!("removed the webhook of {}", provider.trim()))
            } else {
                Err(format!("{} has no webhook", provider.trim()))
            }
        }
    }
}
