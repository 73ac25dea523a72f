#!/usr/bin/env bash
# Drives the sandbox with the real AWS CLI v2 across WorkSpaces and Directory Service.
# Usage: scripts/aws-cli-scenario.sh http://127.0.0.1:4599 [control-token]
# The sandbox clock is pushed forward through the control API instead of waiting. Its token comes from
# the second argument, SANDBOX_TOKEN, or the file the sandbox wrote (.data/sandbox-token by default).
set -euo pipefail

URL="${1:-${SANDBOX_URL:-http://127.0.0.1:4599}}"
TOKEN="${2:-${SANDBOX_TOKEN:-$(cat "${SANDBOX_TOKEN_FILE:-.data/sandbox-token}" 2>/dev/null || true)}}"
AWS_BIN="${AWS_BIN:-/usr/bin/aws}"
# The sandbox's credentials, never whatever real AWS credentials the shell may carry.
export AWS_ACCESS_KEY_ID="${SANDBOX_ACCESS_KEY_ID:-sandbox}" AWS_SECRET_ACCESS_KEY="${SANDBOX_SECRET_ACCESS_KEY:-sandbox}" AWS_DEFAULT_REGION=us-east-1
unset AWS_SESSION_TOKEN AWS_PROFILE
export AWS_PAGER="" AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null

ws() { "$AWS_BIN" --endpoint-url "$URL" --output text workspaces "$@"; }
ds() { "$AWS_BIN" --endpoint-url "$URL" --output text ds "$@"; }
# JSON output lets --query see all pages merged; text output applies it page by page.
wsq() { "$AWS_BIN" --endpoint-url "$URL" --output json workspaces "$@" | tr -d '"'; }
step() { echo "== $*"; }
fail() { echo "FAILED: $*" >&2; exit 1; }
expect_eq() { [[ "$1" == "$2" ]] || fail "$3: expected '$2', got '$1'"; }
advance() { curl -fsS -X POST -H "X-Sandbox-Token: $TOKEN" "$URL/__sandbox/clock" -d "{\"advanceMinutes\":$1}" > /dev/null; }
state_of() { ws describe-workspaces --workspace-ids "$1" --query 'Workspaces[0].State'; }
wait_for() { # id state max-minutes: polls like a waiter would, moving the clock a third of the way each time
  local i step=$(($3 / 3))
  for ((i = 0; i < $3; i += step)); do
    [[ "$(state_of "$1")" == "$2" ]] && return 0
    advance "$step"
  done
  expect_eq "$(state_of "$1")" "$2" "state of $1"
}

step "describe the seeded world"
EMPLOYEES=$(ds describe-directories --query "DirectoryDescriptions[?Name=='corp.example.com'].DirectoryId | [0]")
LABS=$(ds describe-directories --query "DirectoryDescriptions[?Type=='SimpleAD'].DirectoryId | [0]")
[[ "$EMPLOYEES" == d-* && "$LABS" == d-* ]] || fail "seeded directories not found"
ALICE=$(ws describe-workspaces --directory-id "$EMPLOYEES" --user-name alice --query 'Workspaces[0].WorkspaceId')
[[ "$ALICE" == ws-* ]] || fail "Alice's WorkSpace not found"
expect_eq "$(ws describe-workspace-directories --directory-ids "$EMPLOYEES" --query 'Directories[0].State')" "REGISTERED" "directory state"
STANDARD=$(wsq describe-workspace-bundles --owner AMAZON --query "Bundles[?Name=='Standard with Windows 10 (Server 2019 based) (WSP)'].BundleId | [0]")
CUSTOM=$(wsq describe-workspace-bundles --query "Bundles[?Name=='Corp-Performance-Win10'].BundleId | [0]")
[[ "$STANDARD" == wsb-* && "$CUSTOM" == wsb-* ]] || fail "bundles not found"
TOTAL=$(wsq describe-workspaces --query 'length(Workspaces)')
[[ "$TOTAL" -ge 30 ]] || fail "expected the seeded fleet, saw $TOTAL WorkSpaces"

step "create a WorkSpace for dave and wait until AVAILABLE"
NEW=$(ws create-workspaces --workspaces "DirectoryId=$EMPLOYEES,UserName=dave,BundleId=$STANDARD,Tags=[{Key=PortalRequestId,Value=cli-1}]" --query 'PendingRequests[0].WorkspaceId')
[[ "$NEW" == ws-* ]] || fail "create-workspaces returned no WorkSpace"
expect_eq "$(state_of "$NEW")" "PENDING" "new WorkSpace"
curl -fsS -H "X-Sandbox-Token: $TOKEN" "$URL/__sandbox/state" | grep -q "\"$NEW\"" || fail "the new WorkSpace is not in the sandbox state"
DUP=$(ws create-workspaces --workspaces "DirectoryId=$EMPLOYEES,UserName=dave,BundleId=$STANDARD" --query 'FailedRequests[0].ErrorCode')
expect_eq "$DUP" "ResourceExists.WorkSpace" "second WorkSpace for dave"
wait_for "$NEW" AVAILABLE 30
expect_eq "$(ws describe-tags --resource-id "$NEW" --query "TagList[?Key=='PortalRequestId'].Value | [0]")" "cli-1" "creation tag"

step "modify compute type"
ws modify-workspace-properties --workspace-id "$NEW" --workspace-properties ComputeTypeName=PERFORMANCE
expect_eq "$(ws describe-workspaces --workspace-ids "$NEW" --query 'Workspaces[0].ModificationStates[0].Resource')" "COMPUTE_TYPE" "modification state"
wait_for "$NEW" AVAILABLE 30
expect_eq "$(ws describe-workspaces --workspace-ids "$NEW" --query 'Workspaces[0].WorkspaceProperties.ComputeTypeName')" "PERFORMANCE" "compute type"

step "reboot"
ws reboot-workspaces --reboot-workspace-requests "$NEW" --query 'FailedRequests' > /dev/null
expect_eq "$(state_of "$NEW")" "REBOOTING" "after reboot"
wait_for "$NEW" AVAILABLE 10

step "rebuild"
ws rebuild-workspaces --rebuild-workspace-requests "$NEW" > /dev/null
expect_eq "$(state_of "$NEW")" "REBUILDING" "after rebuild"
wait_for "$NEW" AVAILABLE 70

step "switch to AutoStop and migrate to the corporate bundle"
ws modify-workspace-properties --workspace-id "$NEW" --workspace-properties RunningMode=AUTO_STOP,RunningModeAutoStopTimeoutInMinutes=120
advance 720
if ws migrate-workspace --source-workspace-id "$NEW" --bundle-id "$(ws describe-workspaces --workspace-ids "$NEW" --query 'Workspaces[0].BundleId')" 2> /tmp/aws-cli-scenario.err; then fail "migration to the same bundle was accepted"; fi
grep -q InvalidParameterValuesException /tmp/aws-cli-scenario.err || fail "expected InvalidParameterValuesException"
MIGRATED=$(ws migrate-workspace --source-workspace-id "$NEW" --bundle-id "$CUSTOM" --query 'TargetWorkspaceId')
[[ "$MIGRATED" == ws-* && "$MIGRATED" != "$NEW" ]] || fail "migration gave no new WorkSpace id"
wait_for "$MIGRATED" AVAILABLE 70
expect_eq "$(state_of "$NEW")" "TERMINATED" "migration source"
expect_eq "$(ws describe-workspaces --workspace-ids "$MIGRATED" --query 'Workspaces[0].WorkspaceProperties.RunningMode')" "AUTO_STOP" "running mode after migration"
expect_eq "$(ws describe-tags --resource-id "$MIGRATED" --query "TagList[?Key=='PortalRequestId'].Value | [0]")" "cli-1" "tags after migration"

step "tags"
ws create-tags --resource-id "$MIGRATED" --tags Key=CostCenter,Value=CC-1001 Key=Project,Value=Apollo
ws delete-tags --resource-id "$MIGRATED" --tag-keys Project
expect_eq "$(ws describe-tags --resource-id "$MIGRATED" --query 'length(TagList)')" "2" "tag count"
if ws create-tags --resource-id "$MIGRATED" --tags Key=aws:reserved,Value=x 2> /tmp/aws-cli-scenario.err; then fail "reserved tag accepted"; fi
grep -q InvalidParameterValuesException /tmp/aws-cli-scenario.err || fail "expected InvalidParameterValuesException for aws: prefix"

step "IP access control group life cycle"
GROUP=$(ws create-ip-group --group-name cli-home --group-desc "CLI scenario" --user-rules ipRule=203.0.113.10/32,ruleDesc=home --tags Key=Team,Value=IT --query GroupId)
ws authorize-ip-rules --group-id "$GROUP" --user-rules ipRule=198.51.100.0/24,ruleDesc=office
ws revoke-ip-rules --group-id "$GROUP" --user-rules 203.0.113.10/32
ws update-rules-of-ip-group --group-id "$GROUP" --user-rules ipRule=198.51.100.0/24 ipRule=192.0.2.0/24
expect_eq "$(ws describe-ip-groups --group-ids "$GROUP" --query 'length(Result[0].userRules)')" "2" "rules after update"
ws associate-ip-groups --directory-id "$EMPLOYEES" --group-ids "$GROUP"
ws describe-workspace-directories --directory-ids "$EMPLOYEES" --query 'Directories[0].ipGroupIds' | grep -q "$GROUP" || fail "group not associated"
if ws delete-ip-group --group-id "$GROUP" 2> /tmp/aws-cli-scenario.err; then fail "deleted an associated group"; fi
grep -q ResourceAssociatedException /tmp/aws-cli-scenario.err || fail "expected ResourceAssociatedException"
ws disassociate-ip-groups --directory-id "$EMPLOYEES" --group-ids "$GROUP"
ws delete-ip-group --group-id "$GROUP"

step "connection aliases: one name in two Regions (cross-Region redirection)"
EU_EMPLOYEES=$(ds describe-directories --region eu-west-1 --query "DirectoryDescriptions[?Name=='eu.corp.example.com'].DirectoryId | [0]")
[[ "$EU_EMPLOYEES" == d-* ]] || fail "the second Region's directory was not found"
ALIAS=$(ws create-connection-alias --connection-string desktop.example.com --query AliasId)
EU_ALIAS=$(ws create-connection-alias --region eu-west-1 --connection-string desktop.example.com --query AliasId)
[[ "$ALIAS" == wsca-* && "$EU_ALIAS" == wsca-* ]] || fail "create-connection-alias returned no alias id"
expect_eq "$(ws describe-connection-aliases --alias-ids "$ALIAS" --query 'ConnectionAliases[0].State')" "CREATING" "new alias"
if ws create-connection-alias --connection-string desktop.example.com 2> /tmp/aws-cli-scenario.err; then fail "a connection string was created twice in one Region"; fi
grep -q ResourceAlreadyExistsException /tmp/aws-cli-scenario.err || fail "expected ResourceAlreadyExistsException"
if ws create-connection-alias --connection-string desktop 2> /tmp/aws-cli-scenario.err; then fail "a name without a domain was accepted"; fi
grep -q InvalidParameterValuesException /tmp/aws-cli-scenario.err || fail "expected InvalidParameterValuesException for a non-FQDN"
advance 1
expect_eq "$(ws describe-connection-aliases --alias-ids "$ALIAS" --query 'ConnectionAliases[0].State')" "CREATED" "alias after a minute"
CONNECTION_ID=$(ws associate-connection-alias --alias-id "$ALIAS" --resource-id "$EMPLOYEES" --query ConnectionIdentifier)
[[ -n "$CONNECTION_ID" && "$CONNECTION_ID" != None ]] || fail "associate-connection-alias returned no connection identifier"
ws associate-connection-alias --region eu-west-1 --alias-id "$EU_ALIAS" --resource-id "$EU_EMPLOYEES" > /dev/null
advance 1
expect_eq "$(ws describe-connection-aliases --resource-id "$EMPLOYEES" --query 'ConnectionAliases[0].Associations[0].AssociationStatus')" "ASSOCIATED_WITH_OWNER_ACCOUNT" "association"
if ws delete-connection-alias --alias-id "$ALIAS" 2> /tmp/aws-cli-scenario.err; then fail "deleted an associated alias"; fi
grep -q ResourceAssociatedException /tmp/aws-cli-scenario.err || fail "expected ResourceAssociatedException"
ws update-connection-alias-permission --alias-id "$ALIAS" --connection-alias-permission SharedAccountId=210987654321,AllowAssociation=true
expect_eq "$(ws describe-connection-alias-permissions --alias-id "$ALIAS" --query 'ConnectionAliasPermissions[0].SharedAccountId')" "210987654321" "shared account"
ws update-connection-alias-permission --alias-id "$ALIAS" --connection-alias-permission SharedAccountId=210987654321,AllowAssociation=false
ws disassociate-connection-alias --alias-id "$ALIAS"
ws disassociate-connection-alias --region eu-west-1 --alias-id "$EU_ALIAS"
advance 1
ws delete-connection-alias --alias-id "$ALIAS"
ws delete-connection-alias --region eu-west-1 --alias-id "$EU_ALIAS"
expect_eq "$(ws describe-connection-aliases --alias-ids "$ALIAS" --query 'ConnectionAliases[0].State')" "DELETING" "deleted alias"

step "images: make one from a WorkSpace, share it, copy it to another Region, delete"
IMGWS=$(ws create-workspaces --workspaces "DirectoryId=$EMPLOYEES,UserName=emp00049,BundleId=$STANDARD,WorkspaceProperties={RunningMode=ALWAYS_ON}" --query 'PendingRequests[0].WorkspaceId')
[[ "$IMGWS" == ws-* ]] || fail "create-workspaces returned no WorkSpace for the image"
wait_for "$IMGWS" AVAILABLE 30
IMG=$(ws create-workspace-image --name cli-golden --description "CLI scenario image" --workspace-id "$IMGWS" --query ImageId)
[[ "$IMG" == wsi-* ]] || fail "create-workspace-image returned no image id"
expect_eq "$(ws describe-workspace-images --image-ids "$IMG" --query 'Images[0].State')" "PENDING" "new image"
expect_eq "$(state_of "$IMGWS")" "SUSPENDED" "WorkSpace while imaged"
advance 46
expect_eq "$(ws describe-workspace-images --image-ids "$IMG" --query 'Images[0].State')" "AVAILABLE" "image after 46 minutes"
expect_eq "$(state_of "$IMGWS")" "AVAILABLE" "WorkSpace after imaging"
expect_eq "$(wsq describe-workspace-images --image-type SHARED --query 'Images[0].Name')" "partner-tools" "shared images"
ws update-workspace-image-permission --image-id "$IMG" --allow-copy-image --shared-account-id 111122223333
expect_eq "$(ws describe-workspace-image-permissions --image-id "$IMG" --query 'ImagePermissions[0].SharedAccountId')" "111122223333" "image shared"
if ws delete-workspace-image --image-id "$IMG" 2> /tmp/aws-cli-scenario.err; then fail "deleted a shared image"; fi
grep -q ResourceAssociatedException /tmp/aws-cli-scenario.err || fail "expected ResourceAssociatedException for a shared image"
ws update-workspace-image-permission --image-id "$IMG" --no-allow-copy-image --shared-account-id 111122223333
EU_IMG=$(ws --region eu-west-1 copy-workspace-image --name cli-golden --source-image-id "$IMG" --source-region us-east-1 --query ImageId)
[[ "$EU_IMG" == wsi-* && "$EU_IMG" != "$IMG" ]] || fail "copy-workspace-image returned no new image id"
expect_eq "$(ws --region eu-west-1 describe-workspace-images --image-ids "$EU_IMG" --query 'Images[0].State')" "PENDING" "copy"
advance 31
expect_eq "$(ws --region eu-west-1 describe-workspace-images --image-ids "$EU_IMG" --query 'Images[0].State')" "AVAILABLE" "copy after 31 minutes"
CORP_IMG=$(wsq describe-workspace-bundles --query "Bundles[?Name=='Corp-Performance-Win10'].ImageId | [0]")
if ws delete-workspace-image --image-id "$CORP_IMG" 2> /tmp/aws-cli-scenario.err; then fail "deleted an image bundles use"; fi
grep -q "$CUSTOM" /tmp/aws-cli-scenario.err || fail "the refusal does not name the bundle that uses the image"
ws delete-workspace-image --image-id "$IMG"
ws --region eu-west-1 delete-workspace-image --image-id "$EU_IMG"
expect_eq "$(ws describe-workspace-images --image-ids "$IMG" --query 'length(Images)')" "0" "deleted image"

step "password reset on the Simple AD"
ds reset-user-password --directory-id "$LABS" --user-name alice --new-password 'Spring-2026-ok'
if ds reset-user-password --directory-id "$EMPLOYEES" --user-name alice --new-password 'Spring-2026-ok' 2> /tmp/aws-cli-scenario.err; then fail "reset on AD Connector accepted"; fi
grep -q UnsupportedOperationException /tmp/aws-cli-scenario.err || fail "expected UnsupportedOperationException"

step "the second account, through STS AssumeRole"
sts() { "$AWS_BIN" --endpoint-url "$URL" --output text sts "$@"; }
BRANCH_ROLE=arn:aws:iam::345678901234:role/WorkSpacesPortal
if sts assume-role --role-arn "$BRANCH_ROLE" --role-session-name cli-scenario 2> /tmp/aws-cli-scenario.err > /dev/null; then fail "assume-role without the external id accepted"; fi
grep -q AccessDenied /tmp/aws-cli-scenario.err || fail "expected AccessDenied without the external id"
read -r KEY SECRET SESSION <<< "$(sts assume-role --role-arn "$BRANCH_ROLE" --role-session-name cli-scenario \
  --external-id sandbox-branch-office --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]')"
[[ "$KEY" == ASIA* ]] || fail "no temporary credentials from assume-role"
BRANCH_USERS=$(AWS_ACCESS_KEY_ID="$KEY" AWS_SECRET_ACCESS_KEY="$SECRET" AWS_SESSION_TOKEN="$SESSION" ws describe-workspaces --query 'Workspaces[].UserName')
[[ "$BRANCH_USERS" == *gina* && "$BRANCH_USERS" != *alice* ]] || fail "the role's keys do not see the second account: $BRANCH_USERS"

step "terminate"
ws terminate-workspaces --terminate-workspace-requests "$MIGRATED" > /dev/null
expect_eq "$(state_of "$MIGRATED")" "TERMINATING" "after terminate"
rm -f /tmp/aws-cli-scenario.err
echo "SCENARIO OK"
