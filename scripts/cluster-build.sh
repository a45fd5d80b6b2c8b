# Sourced by the cluster checks (cluster-smoke.sh, slurm-smoke.sh, yarn-smoke.sh), from the repository root:
#   ensure_cluster_build   runs mvn package when the job jar, the Spark home of spark-dist or the YARN mini
#                          cluster's classpath is missing, or when a pom or main source is newer than the job jar
ensure_cluster_build() {
  local jar
  jar="$(ls pipeline-jobs/target/pipeline-jobs-*-job.jar 2> /dev/null | head -n 1 || true)"
  if [ -z "$jar" ] || [ ! -d spark-dist/target/spark-home/jars ] || [ ! -f yarn-minicluster/target/classpath.txt ] \
     || [ -n "$(find pom.xml ./*/pom.xml ./*/src/main -newer "$jar" -print -quit)" ]; then
    mvn -q -B package -DskipTests
  fi
}
