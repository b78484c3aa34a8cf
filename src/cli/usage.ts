// The usage text of the command groups, kept apart from the commands themselves so that
// `haven --help` and the dispatcher in haven.ts load none of them.

export const DESK_USAGE = `  desk add --slug SLUG --name NAME [--reporter-name NAME]
                            add a desk: a community's team and its cases; reporters
                            see the reporter name (default: NAME) when they choose one
  desk list                 list the desks, the default first
  desk files --slug SLUG --max-files N --max-mb N
                            how many evidence files a report or an update to the
                            desk may carry, and how large each may be (default 5, 10)
  user grant --username NAME --desk SLUG --role ROLE
                            give someone a role on a desk, or change the one they hold
  user revoke --username NAME --desk SLUG
                            take away someone's role on a desk
`;

export const USER_USAGE = `  user list                 list the staff accounts: enabled or not, second factor,
                            and the role held on each desk
  user reset-password --username NAME
                            set a new password (typed, not shown; or the first line of
                            standard input) and end the account's sessions
  user disable --username NAME
                            switch an account off; its sessions end at once
`;

export const TRAINING_USAGE = `  training check DIR...     check training modules (a module folder, or a folder of them)
                            without starting anything; exit 1 when any is broken
  training import FORMAT SOURCE MODULE [--into DIR]
                            make a Haven module (in DIR, default content/training) from
                            FORMAT wikiedu (a training_content folder) or dashboard (a
                            folder of exported Meta-Wiki pages); see docs/TRAINING.md
  training export FORMAT MODULE_DIR OUT --id NUMBER
                            write a Haven module as FORMAT files under OUT
`;
