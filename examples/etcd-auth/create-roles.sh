#!/bin/sh
# Lifeboat's etcd identities with least privilege. Run once as etcd's administrator; it ends
# with `etcdctl auth enable`. Each process authenticates with a client certificate whose common
# name (CN) is its etcd user name (etcd started with --client-cert-auth and --trusted-ca-file):
#   lifeboat-controller          every controller replica
#   lifeboat-operator            lifeboat apply and lifeboat status
#   lifeboat-agent-<cluster>     the agent of one member cluster
# Usage: create-roles.sh CLUSTER...
# etcdctl reaches etcd through ETCDCTL_ENDPOINTS, ETCDCTL_CACERT, ETCDCTL_CERT and ETCDCTL_KEY
# (a certificate with CN=root); LIFEBOAT_PREFIX is the key prefix (default /lifeboat/).
set -eu
prefix=${LIFEBOAT_PREFIX:-/lifeboat/}

user() { # user NAME: a user without a password (certificate only) holding the role NAME
  etcdctl user add "$1" --no-password
  etcdctl user grant-role "$1" "$1"
}

etcdctl user add root --no-password
etcdctl user grant-role root root

# Controllers: everything under the prefix, including the election key.
etcdctl role add lifeboat-controller
etcdctl role grant-permission lifeboat-controller --prefix=true readwrite "$prefix"
user lifeboat-controller

# apply and status: read everything, write bindings.
etcdctl role add lifeboat-operator
etcdctl role grant-permission lifeboat-operator --prefix=true read "$prefix"
etcdctl role grant-permission lifeboat-operator --prefix=true readwrite "${prefix}Binding/"
user lifeboat-operator

# An agent: read everything; write only its own cluster's keys: its Cluster, its Lease and its
# status reports (Report/<cluster>/...), which the leader copies into the bindings.
for cluster in "$@"; do
  role="lifeboat-agent-$cluster"
  etcdctl role add "$role"
  etcdctl role grant-permission "$role" --prefix=true read "$prefix"
  etcdctl role grant-permission "$role" readwrite "${prefix}Cluster/$cluster"
  etcdctl role grant-permission "$role" readwrite "${prefix}Lease/karmada-cluster/$cluster"
  etcdctl role grant-permission "$role" --prefix=true readwrite "${prefix}Report/$cluster/"
  user "$role"
done

etcdctl auth enable
