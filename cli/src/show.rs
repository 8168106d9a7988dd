//! `hcjwt show`: load a claims or fields document and print it as hcjwt holds
//! it (the same JSON value for every document the APIs return).

use std::path::PathBuf;

use hcjwt::{ClaimSets, FieldCatalog};

use crate::documents::read_document;
use crate::failure::Failure;
use crate::output::Output;

#[derive(clap::Args, Debug)]
#[group(id = "document", required = true, multiple = false)]
pub(crate) struct ShowArgs {
    /// A claims document.
    #[arg(long, value_name = "FILE")]
    claims: Option<PathBuf>,
    /// A user fields document.
    #[arg(long, value_name = "FILE")]
    fields: Option<PathBuf>,
}

pub(crate) fn run(args: ShowArgs) -> Result<Output, Failure> {
    let text = match (&args.claims, &args.fields) {
        (Some(path), _) => ClaimSets::from_json(&read_document(path)?)
            .map(|sets| sets.to_json())
            .map_err(|error| Failure::core(&path.display().to_string(), error))?,
        (None, Some(path)) => FieldCatalog::from_json(&read_document(path)?)
            .map(|catalog| catalog.to_json())
            .map_err(|error| Failure::core(&path.display().to_string(), error))?,
        (None, None) => return Err(Failure::usage("give --claims FILE or --fields FILE")),
    };
    Ok(Output::ok(text))
}
