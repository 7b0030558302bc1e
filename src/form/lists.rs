//! The form's list fields: a service's rows of variables, secrets, command arguments,
//! permissions and policies. Each list is one row type — its columns, how to read, write,
//! add and remove a row, the JSON path of each cell — so the page draws every list with one
//! editor, and a new list field is one more entry here plus its rule and its template.

use crate::engine::config::{Access, Application, Config, EnvVar, Permission, SecretVar};
use crate::engine::field_path::{entry_path, service_path};
use crate::engine::message::Message;
use crate::form::fields::lowered;

/// A list of a service's application settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Environment,
    Secrets,
    Command,
    Permissions,
    PolicyArns,
}

/// One cell of a row: its key below the row's path (`""` when the row is the value itself,
/// as a command argument), its label, and the choices when it is a choice.
pub struct Column {
    pub key: &'static str,
    pub label: &'static str,
    pub placeholder: &'static str,
    pub choices: Option<&'static [(&'static str, &'static str)]>,
}

/// What the form says about a list.
pub struct ListSpec {
    /// The list's key below `services[i]`.
    pub path: &'static str,
    /// The list's heading.
    pub label: &'static str,
    /// A row, in error sentences and buttons ("variable 2", "Remove variable 2").
    pub row: &'static str,
    pub help: &'static str,
    pub columns: &'static [Column],
}

const fn text(key: &'static str, label: &'static str, placeholder: &'static str) -> Column {
    Column {
        key,
        label,
        placeholder,
        choices: None,
    }
}

const ACCESS_CHOICES: &[(&str, &str)] = &[("read", "Read"), ("read-write", "Read and write")];

static SPECS: [ListSpec; 5] = [
    ListSpec {
        path: "environment",
        label: "Environment variables",
        row: "variable",
        help: "Plain configuration, passed to the container as typed. A value is written in the template, the design and its share link: put passwords and keys in secrets.",
        columns: &[text("name", "Name", "NODE_ENV"), text("value", "Value", "production")],
    },
    ListSpec {
        path: "secrets",
        label: "Secrets",
        row: "secret",
        help: "Variables ECS fetches when a task starts: a Secrets Manager secret's full ARN (optionally :json-key:version-stage:version-id), a Parameter Store parameter ARN, or a parameter name (/app/db-url) in this account and region. Only this service's execution role may read them.",
        columns: &[
            text("name", "Name", "DB_PASSWORD"),
            text("value_from", "From", "arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME-AbCdEf"),
        ],
    },
    ListSpec {
        path: "command",
        label: "Command",
        row: "argument",
        help: "Replaces the image's CMD, one argument per row; an ENTRYPOINT of the image receives them as its arguments (Express Mode has no entry point of its own). Empty: the image's CMD.",
        columns: &[text("", "Argument", "node")],
    },
    ListSpec {
        path: "permissions",
        label: "Data access",
        row: "permission",
        help: "Buckets (arn:aws:s3:::NAME) and DynamoDB tables (arn:aws:dynamodb:REGION:ACCOUNT:table/NAME) this service's task role may use, and how.",
        columns: &[
            text("resource", "Bucket or table ARN", "arn:aws:s3:::my-bucket"),
            Column {
                key: "access",
                label: "Access",
                placeholder: "",
                choices: Some(ACCESS_CHOICES),
            },
        ],
    },
    ListSpec {
        path: "policy_arns",
        label: "Managed policies",
        row: "policy",
        help: "IAM managed policies for everything else the application calls (SQS, SES, Bedrock…), attached to this service's task role only.",
        columns: &[text("", "Policy ARN", "arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess")],
    },
];

fn app(config: &Config, service: usize) -> Option<&Application> {
    config.services.get(service).map(|s| &s.app)
}

fn app_mut(config: &mut Config, service: usize) -> Option<&mut Application> {
    config.services.get_mut(service).map(|s| &mut s.app)
}

impl List {
    pub const ALL: [List; 5] = [
        List::Environment,
        List::Secrets,
        List::Command,
        List::Permissions,
        List::PolicyArns,
    ];

    pub fn spec(self) -> &'static ListSpec {
        &SPECS[self as usize]
    }

    /// The list at `services[i].<key>`, by its key.
    pub fn find(key: &str) -> Option<List> {
        List::ALL.into_iter().find(|l| l.spec().path == key)
    }

    /// `services[i].environment`.
    pub fn path(self, service: usize) -> String {
        service_path(service, self.spec().path)
    }

    /// `services[i].environment[j]`, and `.name` below it for a column with a key.
    pub fn cell_path(self, service: usize, row: usize, column: usize) -> String {
        let key = self.spec().columns.get(column).map_or("", |c| c.key);
        entry_path(&self.path(service), row, key)
    }

    pub fn len(self, config: &Config, service: usize) -> usize {
        app(config, service).map_or(0, |a| self.len_in(a))
    }

    /// The rows of this list in a service's settings.
    pub fn len_in(self, a: &Application) -> usize {
        match self {
            List::Environment => a.environment.len(),
            List::Secrets => a.secrets.len(),
            List::Command => a.command.len(),
            List::Permissions => a.permissions.len(),
            List::PolicyArns => a.policy_arns.len(),
        }
    }

    /// A cell's text (`None` when the row is gone).
    pub fn get(self, config: &Config, service: usize, row: usize, column: usize) -> Option<String> {
        self.get_in(app(config, service)?, row, column)
    }

    /// A cell's text in a service's settings.
    pub fn get_in(self, a: &Application, row: usize, column: usize) -> Option<String> {
        Some(match (self, column) {
            (List::Environment, 0) => a.environment.get(row)?.name.clone(),
            (List::Environment, _) => a.environment.get(row)?.value.clone().unwrap_or_default(),
            (List::Secrets, 0) => a.secrets.get(row)?.name.clone(),
            (List::Secrets, _) => a.secrets.get(row)?.value_from.clone(),
            (List::Command, _) => a.command.get(row)?.clone(),
            (List::Permissions, 0) => a.permissions.get(row)?.resource.clone(),
            (List::Permissions, _) => a.permissions.get(row)?.access.code().to_string(),
            (List::PolicyArns, _) => a.policy_arns.get(row)?.clone(),
        })
    }

    /// Writes a cell; nothing when the row is gone or the choice unknown.
    pub fn set(self, config: &mut Config, service: usize, row: usize, column: usize, text: String) {
        let Some(a) = app_mut(config, service) else {
            return;
        };
        match (self, column) {
            (List::Environment, 0) => {
                if let Some(v) = a.environment.get_mut(row) {
                    v.name = text;
                }
            }
            (List::Environment, _) => {
                if let Some(v) = a.environment.get_mut(row) {
                    v.value = Some(text);
                }
            }
            (List::Secrets, 0) => {
                if let Some(v) = a.secrets.get_mut(row) {
                    v.name = text;
                }
            }
            (List::Secrets, _) => {
                if let Some(v) = a.secrets.get_mut(row) {
                    v.value_from = text;
                }
            }
            (List::Command, _) => {
                if let Some(v) = a.command.get_mut(row) {
                    *v = text;
                }
            }
            (List::Permissions, 0) => {
                if let Some(v) = a.permissions.get_mut(row) {
                    v.resource = text;
                }
            }
            (List::Permissions, _) => {
                let access = Access::ALL.into_iter().find(|a| a.code() == text);
                if let (Some(v), Some(access)) = (a.permissions.get_mut(row), access) {
                    v.access = access;
                }
            }
            (List::PolicyArns, _) => {
                if let Some(v) = a.policy_arns.get_mut(row) {
                    *v = text;
                }
            }
        }
    }

    /// Adds an empty row at the end; its index, or `None` when the service is gone.
    pub fn add(self, config: &mut Config, service: usize) -> Option<usize> {
        let a = app_mut(config, service)?;
        let empty = String::new;
        Some(
            match self {
                List::Environment => {
                    a.environment.push(EnvVar {
                        name: empty(),
                        value: Some(empty()),
                    });
                    a.environment.len()
                }
                List::Secrets => {
                    a.secrets.push(SecretVar {
                        name: empty(),
                        value_from: empty(),
                    });
                    a.secrets.len()
                }
                List::Command => {
                    a.command.push(empty());
                    a.command.len()
                }
                List::Permissions => {
                    a.permissions.push(Permission {
                        resource: empty(),
                        access: Access::Read,
                    });
                    a.permissions.len()
                }
                List::PolicyArns => {
                    a.policy_arns.push(empty());
                    a.policy_arns.len()
                }
            } - 1,
        )
    }

    pub fn remove(self, config: &mut Config, service: usize, row: usize) {
        let Some(a) = app_mut(config, service) else {
            return;
        };
        match self {
            List::Environment if row < a.environment.len() => {
                a.environment.remove(row);
            }
            List::Secrets if row < a.secrets.len() => {
                a.secrets.remove(row);
            }
            List::Command if row < a.command.len() => {
                a.command.remove(row);
            }
            List::Permissions if row < a.permissions.len() => {
                a.permissions.remove(row);
            }
            List::PolicyArns if row < a.policy_arns.len() => {
                a.policy_arns.remove(row);
            }
            _ => {}
        }
    }

    /// Adds pasted `NAME=value` rows (variables or secrets) at the end.
    pub fn add_pairs(self, config: &mut Config, service: usize, pairs: Vec<(String, String)>) {
        let Some(a) = app_mut(config, service) else {
            return;
        };
        for (name, value) in pairs {
            match self {
                List::Environment => a.environment.push(EnvVar {
                    name,
                    value: Some(value),
                }),
                List::Secrets => a.secrets.push(SecretVar {
                    name,
                    value_from: value,
                }),
                _ => {}
            }
        }
    }

    /// Replaces the command with these arguments.
    pub fn set_arguments(config: &mut Config, service: usize, arguments: Vec<String>) {
        if let Some(a) = app_mut(config, service) {
            a.command = arguments;
        }
    }
}

/// Every path of a service's lists the form shows: each list, each row, each cell.
pub fn shown_paths(config: &Config, service: usize, paths: &mut Vec<String>) {
    for list in List::ALL {
        paths.push(list.path(service));
        for row in 0..list.len(config, service) {
            paths.push(entry_path(&list.path(service), row, ""));
            for (column, c) in list.spec().columns.iter().enumerate() {
                if !c.key.is_empty() {
                    paths.push(list.cell_path(service, row, column));
                }
            }
        }
    }
}

/// What the form calls a list, a row or a cell below a service: "environment variables",
/// "variable 2", "variable 2 name".
pub fn label(below: &str) -> Option<String> {
    let (list_key, rest) = match below.split_once('[') {
        Some((list, rest)) => (list, Some(rest)),
        None => (below, None),
    };
    let list = List::find(list_key)?;
    let spec = list.spec();
    let Some(rest) = rest else {
        return Some(lowered(spec.label));
    };
    let (index, key) = rest.split_once(']')?;
    let row = index.parse::<usize>().ok()? + 1;
    let key = key.strip_prefix('.').unwrap_or(key);
    match spec.columns.iter().find(|c| c.key == key) {
        Some(column) if !key.is_empty() => {
            Some(format!("{} {row} {}", spec.row, lowered(column.label)))
        }
        _ if key.is_empty() => Some(format!("{} {row}", spec.row)),
        _ => None,
    }
}

/// Pasted lines or a `.env` file, read as `NAME=value` rows: blank lines and `#` comments
/// are skipped, an `export ` before the name is dropped, and a value wholly in single or
/// double quotes loses them (`\n`, `\"` and `\\` are read inside double quotes). No `$`
/// expansion: a value is kept as written. A line without `=` is refused with its number.
pub fn parse_pairs(text: &str) -> Result<Vec<(String, String)>, Message> {
    let mut pairs = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let trimmed = trimmed.strip_prefix("export ").unwrap_or(trimmed);
        let Some((name, value)) = trimmed.split_once('=') else {
            return Err(Message::pasted_line_without_equals(number + 1, line));
        };
        pairs.push((name.trim().to_string(), unquote(value.trim())));
    }
    Ok(pairs)
}

fn unquote(value: &str) -> String {
    let quoted = |q: char| value.len() >= 2 && value.starts_with(q) && value.ends_with(q);
    if quoted('\'') {
        return value[1..value.len() - 1].to_string();
    }
    if !quoted('"') {
        return value.to_string();
    }
    let mut out = String::new();
    let mut chars = value[1..value.len() - 1].chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// A command line split into arguments as a POSIX shell splits words, without running
/// anything: single quotes keep everything, double quotes keep all but `\"` `\\` `\$`
/// `` \` `` (and a line break after `\`), a backslash outside quotes keeps the next
/// character; no `$` expansion, no globbing. An unclosed quote is refused.
pub fn split_command(line: &str) -> Result<Vec<String>, Message> {
    let mut arguments = Vec::new();
    let mut current = String::new();
    let mut started = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' | '\n' => {
                if started {
                    arguments.push(std::mem::take(&mut current));
                    started = false;
                }
            }
            '\'' => {
                started = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => current.push(c),
                        None => return Err(Message::command_unclosed_quote("'")),
                    }
                }
            }
            '"' => {
                started = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(c @ ('"' | '\\' | '$' | '`')) => current.push(c),
                            Some('\n') => {}
                            Some(c) => {
                                current.push('\\');
                                current.push(c);
                            }
                            None => return Err(Message::command_unclosed_quote("\"")),
                        },
                        Some(c) => current.push(c),
                        None => return Err(Message::command_unclosed_quote("\"")),
                    }
                }
            }
            '\\' => {
                started = true;
                match chars.next() {
                    Some('\n') => {}
                    Some(c) => current.push(c),
                    None => return Err(Message::command_trailing_backslash()),
                }
            }
            c => {
                started = true;
                current.push(c);
            }
        }
    }
    if started {
        arguments.push(current);
    }
    Ok(arguments)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn commands_split_as_a_posix_shell_splits_words() {
        // Each expected list is what `sh -c "set -f; printf '[%s]' LINE"` (dash) printed.
        for (line, words) in [
            ("node server.js", &["node", "server.js"][..]),
            ("  a   b  ", &["a", "b"]),
            ("echo 'a b' \"c d\"", &["echo", "a b", "c d"]),
            ("a'b'c", &["abc"]),
            ("'' x", &["", "x"]),
            (r#""a \"q\" \\ \$HOME \x""#, &[r#"a "q" \ $HOME \x"#]),
            (r"a\ b \$x", &["a b", "$x"]),
            ("'$HOME' *.js", &["$HOME", "*.js"]),
            (
                "sh -c 'exec node \"$0\"' app.js",
                &["sh", "-c", "exec node \"$0\"", "app.js"],
            ),
        ] {
            assert_eq!(split_command(line), Ok(strings(words)), "{line}");
        }
        assert_eq!(split_command(""), Ok(vec![]));
        assert_eq!(
            split_command("echo 'open"),
            Err(Message::command_unclosed_quote("'"))
        );
        assert_eq!(
            split_command("echo \"open"),
            Err(Message::command_unclosed_quote("\""))
        );
        assert_eq!(
            split_command("echo \\"),
            Err(Message::command_trailing_backslash())
        );
    }

    #[test]
    fn pasted_lines_and_env_files_give_name_value_rows() {
        let text = "# comment\n\nNODE_ENV=production\nexport PORT=3000\nGREETING=\"hello \\\"you\\\"\\n\"\nRAW='a $b \\n'\nEMPTY=\nURL=postgres://u:p@h/db?x=1\r\n";
        assert_eq!(
            parse_pairs(text),
            Ok(vec![
                ("NODE_ENV".into(), "production".into()),
                ("PORT".into(), "3000".into()),
                ("GREETING".into(), "hello \"you\"\n".into()),
                ("RAW".into(), "a $b \\n".into()),
                ("EMPTY".into(), "".into()),
                ("URL".into(), "postgres://u:p@h/db?x=1".into()),
            ])
        );
        assert_eq!(
            parse_pairs("A=1\njust words\n"),
            Err(Message::pasted_line_without_equals(2, "just words"))
        );
    }

    #[test]
    fn rows_are_added_set_read_and_removed_at_their_paths() {
        let mut config = Config::default();
        for list in List::ALL {
            assert_eq!(list.len(&config, 1), 0);
            let row = list.add(&mut config, 1).unwrap();
            assert_eq!(row, 0);
            for (column, c) in list.spec().columns.iter().enumerate() {
                let text = c.choices.map_or("x", |choices| choices[1].0);
                list.set(&mut config, 1, row, column, text.into());
                assert_eq!(list.get(&config, 1, row, column).as_deref(), Some(text));
            }
            assert_eq!(list.len(&config, 1), 1);
        }
        assert_eq!(
            List::Environment.cell_path(1, 0, 1),
            "services[1].environment[0].value"
        );
        assert_eq!(List::Command.cell_path(1, 0, 0), "services[1].command[0]");
        assert_eq!(
            config.services[1].app.permissions[0].access,
            Access::ReadWrite
        );
        for list in List::ALL {
            list.remove(&mut config, 1, 0);
            list.remove(&mut config, 1, 5);
            assert_eq!(list.len(&config, 1), 0);
        }
        // A gone service reads nothing and takes nothing.
        assert_eq!(List::Secrets.add(&mut config, 9), None);
        assert_eq!(List::Secrets.get(&config, 9, 0, 0), None);
    }

    #[test]
    fn labels_of_lists_rows_and_cells() {
        assert_eq!(
            label("environment").as_deref(),
            Some("environment variables")
        );
        assert_eq!(label("environment[1]").as_deref(), Some("variable 2"));
        assert_eq!(
            label("environment[1].name").as_deref(),
            Some("variable 2 name")
        );
        assert_eq!(
            label("secrets[0].value_from").as_deref(),
            Some("secret 1 from")
        );
        assert_eq!(label("command[2]").as_deref(), Some("argument 3"));
        assert_eq!(label("policy_arns[0]").as_deref(), Some("policy 1"));
        assert_eq!(
            label("permissions[0].resource").as_deref(),
            Some("permission 1 bucket or table ARN")
        );
        assert_eq!(label("environment[x]"), None);
        assert_eq!(label("scaling"), None);
    }
}
