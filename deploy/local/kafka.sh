#!/usr/bin/env bash
# The local Apache Kafka broker for Driftwatch: one KRaft node (broker + controller) whose
# jars Maven resolves from Maven Central (pom.xml beside this script).
#
#   deploy/local/kafka.sh start | stop | restart | status
#
# Everything lives under ${DRIFTWATCH_DATA_DIR:-./.driftwatch}/kafka: libs/ (jars, resolved
# once, reused offline), data/ (log dirs), logs/ (server.log, kafka.out), server.properties,
# kafka.pid. Environment:
#   DRIFTWATCH_KAFKA_PORT             client listener port (default 9092)
#   DRIFTWATCH_KAFKA_CONTROLLER_PORT  KRaft controller port (default client port + 1)
#   DRIFTWATCH_KAFKA_SASL_PORT        SASL_PLAINTEXT listener, PLAIN and SCRAM-SHA-256/512 (default client port + 2)
#   DRIFTWATCH_KAFKA_SSL_PORT         SSL listener requiring a client certificate (default client port + 3)
#   DRIFTWATCH_KAFKA_HEAP             JVM heap (default 512m)
#   DRIFTWATCH_KAFKA_START_TIMEOUT    seconds to wait for the broker to answer (default 90)
#   DRIFTWATCH_KAFKA_STOP_TIMEOUT     seconds to wait for a graceful stop before SIGKILL (default 30)
#   DRIFTWATCH_KAFKA_SKIP_TOPICS=1    do not create the default topics at start
#   DRIFTWATCH_KAFKA_JVM_OPTS         extra JVM options
#   JAVA_HOME                         Java 17+ (default: java on PATH)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
KAFKA_VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$HERE/pom.xml")"

DATA_ROOT="${DRIFTWATCH_DATA_DIR:-./.driftwatch}"
mkdir -p "$DATA_ROOT/kafka"
DATA_ROOT="$(cd "$DATA_ROOT" && pwd)"
KAFKA_DIR="$DATA_ROOT/kafka"
LIBS_DIR="$KAFKA_DIR/libs"
LOG_DIR="$KAFKA_DIR/logs"
STORAGE_DIR="$KAFKA_DIR/data"
PID_FILE="$KAFKA_DIR/kafka.pid"
PROPS="$KAFKA_DIR/server.properties"

HOST=127.0.0.1
PORT="${DRIFTWATCH_KAFKA_PORT:-9092}"
CONTROLLER_PORT="${DRIFTWATCH_KAFKA_CONTROLLER_PORT:-$((PORT + 1))}"
SASL_PORT="${DRIFTWATCH_KAFKA_SASL_PORT:-$((PORT + 2))}"
SSL_PORT="${DRIFTWATCH_KAFKA_SSL_PORT:-$((PORT + 3))}"
# Local test credentials only (the listeners bind 127.0.0.1): the same user for PLAIN and both
# SCRAM mechanisms, so the integration specs of libs/kafka can log in with each.
SASL_USER=driftwatch
SASL_PASSWORD=driftwatch-local-secret
TLS_DIR="$KAFKA_DIR/tls"
HEAP="${DRIFTWATCH_KAFKA_HEAP:-512m}"
START_TIMEOUT="${DRIFTWATCH_KAFKA_START_TIMEOUT:-90}"
STOP_TIMEOUT="${DRIFTWATCH_KAFKA_STOP_TIMEOUT:-30}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
BROKERS="$HOST:$PORT"

die() { echo "kafka.sh: $*" >&2; exit 1; }

for var in PORT CONTROLLER_PORT SASL_PORT SSL_PORT START_TIMEOUT STOP_TIMEOUT; do
  [[ "${!var}" =~ ^[0-9]+$ ]] || die "$var must be a whole number, got '${!var}' (see DRIFTWATCH_KAFKA_* variables)"
done
(( $(printf '%s\n' "$PORT" "$CONTROLLER_PORT" "$SASL_PORT" "$SSL_PORT" | sort -u | wc -l) == 4 )) ||
  die "DRIFTWATCH_KAFKA_PORT, _CONTROLLER_PORT, _SASL_PORT and _SSL_PORT must all differ (got $PORT, $CONTROLLER_PORT, $SASL_PORT, $SSL_PORT)"

now_ms() { date +%s%3N; }

broker_pid() {
  # The pid file alone is not trusted: after a reboot the pid may belong to another process.
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(cat "$PID_FILE")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [[ -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -- "kafka.Kafka $PROPS" || return 1
  echo "$pid"
}

port_open() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

SERVER_LOG_OFFSET=0

show_log_tail() {
  echo "kafka.sh: broker logs: $LOG_DIR/server.log and $LOG_DIR/kafka.out" >&2
  if [[ -s "$LOG_DIR/kafka.out" ]]; then
    echo "---- last lines of $LOG_DIR/kafka.out ----" >&2
    tail -n 30 "$LOG_DIR/kafka.out" >&2
  fi
  # Only what this start wrote: older runs' lines would mislead.
  if [[ -s "$LOG_DIR/server.log" ]] && (( $(stat -c %s "$LOG_DIR/server.log") > SERVER_LOG_OFFSET )); then
    echo "---- last lines of $LOG_DIR/server.log ----" >&2
    tail -c +$((SERVER_LOG_OFFSET + 1)) "$LOG_DIR/server.log" | tail -n 30 >&2
  fi
}

resolve_jars() {
  local stamp want
  stamp="$LIBS_DIR/.pom.sha256"
  want="$(sha256sum "$HERE/pom.xml" | cut -d' ' -f1)"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
    return 0
  fi
  command -v mvn >/dev/null || die "Maven (mvn) is needed once to fetch the Kafka jars into $LIBS_DIR; install it (apt-get install maven)"
  echo "kafka.sh: resolving Apache Kafka $KAFKA_VERSION jars with Maven into $LIBS_DIR ..."
  local tmp="$KAFKA_DIR/libs.tmp"
  rm -rf "$tmp"
  if ! mvn -B -q -f "$HERE/pom.xml" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tmp" >"$KAFKA_DIR/mvn.log" 2>&1; then
    tail -n 30 "$KAFKA_DIR/mvn.log" >&2
    die "Maven could not resolve the Kafka jars (full output: $KAFKA_DIR/mvn.log)"
  fi
  echo "$want" > "$tmp/.pom.sha256"
  rm -rf "$LIBS_DIR"
  mv "$tmp" "$LIBS_DIR"
}

write_properties() {
  mkdir -p "$STORAGE_DIR" "$LOG_DIR"
  # Static quorum (controller.quorum.voters) rather than a formatted dynamic voter set, so a
  # change of ports does not invalidate the formatted data directory.
  cat > "$PROPS" <<EOF
# Written by deploy/local/kafka.sh at every start; edit the script, not this file.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$CONTROLLER_PORT
listeners=PLAINTEXT://$HOST:$PORT,CONTROLLER://$HOST:$CONTROLLER_PORT,SASL_PLAINTEXT://$HOST:$SASL_PORT,SSL://$HOST:$SSL_PORT
advertised.listeners=PLAINTEXT://$HOST:$PORT,SASL_PLAINTEXT://$HOST:$SASL_PORT,SSL://$HOST:$SSL_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,SSL:SSL
log.dirs=$STORAGE_DIR

# SASL for the client-security tests (libs/kafka): PLAIN users live in this file, SCRAM users in
# the cluster metadata (kafka-admin.cjs add-scram-users after every start, idempotent).
sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-256,SCRAM-SHA-512
listener.name.sasl_plaintext.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required user_$SASL_USER="$SASL_PASSWORD";
listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;

# TLS with a client certificate, from the local CA made once under $TLS_DIR.
ssl.keystore.type=PEM
ssl.keystore.location=$TLS_DIR/broker.pem
ssl.truststore.type=PEM
ssl.truststore.location=$TLS_DIR/ca.crt
ssl.client.auth=required

# Two shared cores: fewer threads than the defaults.
num.network.threads=2
num.io.threads=4
background.threads=4

# Single node: every replication factor is 1, internal topics kept small so they are created fast.
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=4
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
share.coordinator.state.topic.num.partitions=4

# Topics are created explicitly (ensureTopics); a typo must not silently create a 1-partition topic.
auto.create.topics.enable=false
num.partitions=1
# No 3 s wait before the first rebalance: tests and restarts join at once.
group.initial.rebalance.delay.ms=0

# 2 MiB per record batch: room for a DLQ copy of a 1 MiB message plus its headers.
message.max.bytes=2097152
replica.fetch.max.bytes=2097152
log.retention.hours=168
log.segment.bytes=134217728
log.retention.check.interval.ms=300000
EOF
}

format_storage() {
  [[ -f "$STORAGE_DIR/meta.properties" ]] && return 0
  local id=""
  # A KRaft cluster id is 16 random bytes in URL-safe base64 without padding; one starting
  # with '-' would be read as an option by the storage tool.
  while [[ -z "$id" || "$id" == -* ]]; do
    id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
  done
  echo "kafka.sh: formatting KRaft storage in $STORAGE_DIR (cluster id $id)"
  if ! "$JAVA" -Xmx256m -cp "$LIBS_DIR/*" -Dlog4j2.configurationFile="$HERE/log4j2.properties" -Dkafka.logs.dir="$LOG_DIR" \
      kafka.tools.StorageTool format --ignore-formatted -t "$id" -c "$PROPS" >"$LOG_DIR/format.log" 2>&1; then
    cat "$LOG_DIR/format.log" >&2
    die "formatting the KRaft storage failed (see $LOG_DIR/format.log)"
  fi
}

# A local CA, a broker certificate for 127.0.0.1/localhost and a client certificate, made once.
# Unencrypted PKCS#8 keys: Kafka's PEM key store reads them without ssl.key.password.
make_tls() {
  [[ -s "$TLS_DIR/broker.pem" && -s "$TLS_DIR/client.crt" ]] && return 0
  command -v openssl >/dev/null || die "openssl is needed once to make the local TLS certificates in $TLS_DIR"
  local tmp="$TLS_DIR.tmp"
  rm -rf "$tmp" && mkdir -p "$tmp"
  (
    cd "$tmp"
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=driftwatch-local-ca" -keyout ca.key -out ca.crt
    for who in broker client; do
      openssl req -newkey rsa:2048 -nodes -subj "/CN=driftwatch-local-$who" -keyout "$who.key.rsa" -out "$who.csr"
      openssl pkcs8 -topk8 -nocrypt -in "$who.key.rsa" -out "$who.key"
      printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' > "$who.ext"
      openssl x509 -req -in "$who.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 -extfile "$who.ext" -out "$who.crt"
    done
    cat broker.key broker.crt > broker.pem
    rm -f ./*.csr ./*.rsa ./*.ext ./*.srl
  ) >"$LOG_DIR/tls.log" 2>&1 || { cat "$LOG_DIR/tls.log" >&2; die "making the local TLS certificates failed (see $LOG_DIR/tls.log)"; }
  rm -rf "$TLS_DIR" && mv "$tmp" "$TLS_DIR"
}

ensure_scram_users() {
  node "$HERE/kafka-admin.cjs" add-scram-users "$BROKERS" "$SASL_USER" "$SASL_PASSWORD"
}

ensure_topics() {
  [[ "${DRIFTWATCH_KAFKA_SKIP_TOPICS:-}" == "1" ]] && return 0
  node "$HERE/kafka-admin.cjs" ensure-topics "$BROKERS"
}

wait_ready() {
  local pid="$1" deadline=$(( $(now_ms) + START_TIMEOUT * 1000 ))
  # Cheap port polling first, so a JVM that dies during start is noticed within half a second.
  until port_open "$PORT"; do
    kill -0 "$pid" 2>/dev/null || { echo "kafka.sh: the broker process exited during start" >&2; return 1; }
    (( $(now_ms) < deadline )) || { echo "kafka.sh: the broker did not open port $PORT within ${START_TIMEOUT}s" >&2; return 1; }
    sleep 0.25
  done
  local left=$(( deadline - $(now_ms) ))
  (( left > 1000 )) || left=1000
  node "$HERE/kafka-admin.cjs" wait-ready "$BROKERS" "$left"
}

start() {
  local pid started
  if pid="$(broker_pid)"; then
    echo "kafka.sh: Kafka already running (pid $pid) on $BROKERS"
    wait_ready "$pid" || { show_log_tail; exit 1; }
    ensure_scram_users
    ensure_topics
    return 0
  fi
  command -v "$JAVA" >/dev/null || die "java not found: Kafka $KAFKA_VERSION needs Java 17 or newer (set JAVA_HOME)"
  command -v node >/dev/null || die "node not found: the readiness check runs on Node.js"
  (cd "$HERE" && node -e "require.resolve('kafkajs')" 2>/dev/null) ||
    die "the npm package kafkajs is missing (the readiness check and topic creation use it): run npm install at the repository root"
  for p in "$PORT" "$CONTROLLER_PORT" "$SASL_PORT" "$SSL_PORT"; do
    port_open "$p" && die "port $p on $HOST is already in use by another process; stop it, choose other ports (DRIFTWATCH_KAFKA_PORT, _CONTROLLER_PORT, _SASL_PORT, _SSL_PORT), or point KAFKA_BROKERS at a running cluster"
  done
  resolve_jars
  write_properties
  make_tls
  format_storage

  # Class-data sharing: the first run dumps the loaded classes at exit (kafka.sh stop), later starts
  # map them, about 2-3 s faster on two cores. Keyed on the jars and the JVM, so a change of either
  # makes a new archive; a stale one is only ignored by the JVM, never fatal.
  local cds cds_opt
  cds="$KAFKA_DIR/cds/kafka-$(cat "$LIBS_DIR/.pom.sha256" | cut -c1-12)-$("$JAVA" -version 2>&1 | head -1 | tr -dc '0-9.' | cut -c1-16).jsa"
  mkdir -p "$KAFKA_DIR/cds"
  if [[ -s "$cds" ]]; then cds_opt="-XX:SharedArchiveFile=$cds"; else cds_opt="-XX:ArchiveClassesAtExit=$cds"; fi

  SERVER_LOG_OFFSET="$(stat -c %s "$LOG_DIR/server.log" 2>/dev/null || echo 0)"
  started="$(now_ms)"
  # fd 9 (the start lock) is closed for the broker, or it would hold the lock for its lifetime.
  # shellcheck disable=SC2086
  setsid "$JAVA" "$cds_opt" -Xms128m -Xmx"$HEAP" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError \
    -Djava.awt.headless=true -Dkafka.logs.dir="$LOG_DIR" -Dlog4j2.configurationFile="$HERE/log4j2.properties" \
    ${DRIFTWATCH_KAFKA_JVM_OPTS:-} -cp "$LIBS_DIR/*" kafka.Kafka "$PROPS" \
    >"$LOG_DIR/kafka.out" 2>&1 </dev/null 9>&- &
  pid=$!
  echo "$pid" > "$PID_FILE"

  if ! wait_ready "$pid"; then
    show_log_tail
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$PID_FILE"
    exit 1
  fi
  local ms=$(( $(now_ms) - started ))
  echo "kafka.sh: Kafka $KAFKA_VERSION ready on $BROKERS in $((ms / 1000)).$(printf '%03d' $((ms % 1000)))s (pid $pid, logs in $LOG_DIR; SASL on $HOST:$SASL_PORT, TLS on $HOST:$SSL_PORT with certificates in $TLS_DIR)"
  ensure_scram_users
  ensure_topics
}

stop() {
  local pid
  if ! pid="$(broker_pid)"; then
    rm -f "$PID_FILE"
    echo "kafka.sh: Kafka is not running"
    return 0
  fi
  echo "kafka.sh: stopping Kafka (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$(( $(now_ms) + STOP_TIMEOUT * 1000 ))
  while kill -0 "$pid" 2>/dev/null; do
    if (( $(now_ms) >= deadline )); then
      echo "kafka.sh: no clean stop within ${STOP_TIMEOUT}s, killing pid $pid" >&2
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.2
  done
  rm -f "$PID_FILE"
  echo "kafka.sh: Kafka stopped"
}

status() {
  local pid
  if pid="$(broker_pid)"; then
    echo "kafka.sh: Kafka $KAFKA_VERSION running (pid $pid) on $BROKERS, data in $STORAGE_DIR, logs in $LOG_DIR"
    return 0
  fi
  echo "kafka.sh: Kafka is not running (data dir $KAFKA_DIR)"
  return 3
}

# One start/stop at a time per data directory: parallel test runs may call start together.
exec 9>"$KAFKA_DIR/.lock"
flock 9

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  status) status ;;
  *) echo "usage: $0 start|stop|restart|status" >&2; exit 2 ;;
esac
